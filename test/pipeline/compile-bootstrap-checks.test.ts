import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isArcpPlanError } from "../../src/errors/arcp-plan-error.js";
import { createLintContext } from "../../src/lint/lint-context.js";
import { lintMarkdown } from "../../src/lint/lint-markdown.js";
import { structureCheckSchema } from "../../src/lint/structure-check.js";
import { compileBootstrap } from "../../src/pipeline/compile-bootstrap.js";
import { buildPhaseGraph } from "../../src/pipeline/phase-graph.js";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/bootstraps");
const compiled = compileBootstrap(readFileSync(path.join(fixtures, "blockquote-prompts.md"), "utf8"));
const checksOf = (id: string) => compiled.phases.find((phase) => phase.id === id)!.checks.map((d) => d.check);

/** The phase-structure findings the linter reports for `plan` under the phase's derived checks. */
function structureFindings(id: string, plan: string, examples: string[] = []): string[] {
  const context = createLintContext({
    checks: checksOf(id),
    facts: {
      "reference-examples": examples,
      "reference-middleware": [],
      "sdk-modules": [],
      "spec-new-error-codes": [],
    },
  });
  return lintMarkdown(plan, context)
    .filter((message) => message.ruleId === "phase-structure")
    .map((message) => `${message.severity}: ${message.reason}`);
}

describe("derived checks, evaluated by the linter's phase-structure rule", () => {
  it("a libraries plan that picks one candidate per concern passes; one that drops a concern does not", () => {
    const picks = "# Packages\n\nJSON goes through `jason` (§4.1).\n\nHTTP uses `req` over Finch (§5.1).\n";
    expect(structureFindings("03-packages", picks)).toEqual([]);
    // A candidate named inside a longer word ("requests") is not a pick.
    const dropped = "# Packages\n\nJSON goes through `jason` (§4.1). HTTP requests are out of scope.\n";
    expect(structureFindings("03-packages", dropped)).toEqual([
      'error: Expected a pick for the concern "HTTP client": nothing matches /(?<!\\w)(?:req|finch|Tesla)(?!\\w)/',
    ]);
  });

  it("an examples plan needs a row per example the workspace has, two .dot files and the 90%", () => {
    const examples = ["hello", "stream"];
    const table = "| TS name | Elixir module | Spec |\n| --- | --- | --- |\n| `hello` | `Hello` | §3 |\n";
    const good = `# Examples\n\n${table}| \`stream\` | \`Stream\` | §8 |\n\nDraw \`tree.dot\` and \`flow.dot\`; coverage stays at 90 %.\n`;
    expect(structureFindings("04-examples", good, examples)).toEqual([]);
    const short = `# Examples\n\n${table}\nDraw \`tree.dot\`.\n`;
    expect(structureFindings("04-examples", short, examples)).toEqual([
      "error: Expected the 2 .dot files of the set (a)–(b): at least 2 distinct matches of /[\\w./-]+\\.dot\\b/, found 1 (tree.dot)",
      "error: Expected the 90% the phase states: nothing matches /(?<![\\w.])90 ?%/",
      // Reported at the table, after the document-level findings at line 1.
      "error: Expected a row for `stream` in the table with one row per reference example (the workspace has 2: hello, stream)",
    ]);
  });
});

/**
 * The real SDK bootstraps, when ARCP_REAL_WORKSPACES names them (SDK checkouts or BOOTSTRAP.md files,
 * separated like PATH). Not registered otherwise: CI has none. `test/support/compile-real-bootstraps.ts`
 * prints what they compile to.
 */
const realTargets = (process.env.ARCP_REAL_WORKSPACES ?? "").split(path.delimiter).filter(Boolean);
if (realTargets.length > 0) {
  describe("real bootstraps", () => {
    for (const target of realTargets) {
      const file =
        existsSync(target) && statSync(target).isDirectory() ? path.join(target, "BOOTSTRAP.md") : target;
      it(`${file} compiles into a runnable program, or fails as a config error`, () => {
        const text = readFileSync(file, "utf8");
        let result: ReturnType<typeof compileBootstrap>;
        try {
          result = compileBootstrap(text, file);
        } catch (error) {
          expect(isArcpPlanError(error) && error.kind === "config").toBe(true);
          return;
        }
        expect(result.phases.length).toBeGreaterThan(0);
        expect(result.outputFolder.value.endsWith(`v${result.protocolVersion.value}`)).toBe(true);
        expect(() => buildPhaseGraph(result.phases, "table")).not.toThrow();
        for (const phase of result.phases) {
          expect(phase.instructions.text.length, phase.id).toBeGreaterThan(0);
          const firstLine = phase.instructions.text.split("\n")[0]!;
          expect(text.split("\n")[phase.instructions.line - 1], phase.id).toContain(firstLine);
          for (const derived of phase.checks)
            expect(structureCheckSchema.safeParse(derived.check).success).toBe(true);
        }
      });
    }
  });
}

describe("table checks read from the phase's prose", () => {
  const tableBootstrap = compileBootstrap(readFileSync(path.join(fixtures, "table-columns.md"), "utf8"));
  const derived = (id: string) =>
    tableBootstrap.phases
      .find((phase) => phase.id === id)!
      .checks.map(({ check, rule, line }) => ({ check, rule, line }));
  const findings = (id: string, plan: string) =>
    lintMarkdown(plan, createLintContext({ checks: derived(id).map((d) => d.check) }))
      .filter((message) => message.ruleId === "phase-structure")
      .map((message) => `${message.line} ${message.severity}: ${message.reason}`);

  it("reads columns after 'Table of …:', value sets, and 'columns …'; a CI matrix is not a table", () => {
    expect(derived("01-changes")).toEqual([
      {
        rule: "table-columns",
        line: 15,
        check: {
          kind: "table",
          name: "the table of changes",
          columns: ["spec|§", "message|feature", "additive|breaking|impact"],
          hedged: true,
        },
      },
      {
        rule: "workspace-list",
        line: 17,
        check: {
          kind: "covers",
          name: "the new error codes of the spec draft's error section",
          items: "spec-new-error-codes",
        },
      },
    ]);
    expect(derived("02-gaps").map((d) => d.check)).toEqual([
      {
        kind: "table",
        name: "the gap matrix",
        columns: ["feature", "target|package", "risk"],
        values: { "state|status": ["\\b(?:missing|partial|present)\\b"] },
        hedged: true,
      },
      {
        kind: "table",
        name: "the work matrix",
        columns: ["state", "owner"],
        values: { state: ["\\b(?:todo|doing|done)\\b"] },
        hedged: true,
      },
    ]);
    expect(derived("03-build")).toEqual([]);
    for (const { check } of [...derived("01-changes"), ...derived("02-gaps")]) {
      expect(structureCheckSchema.safeParse(check).success).toBe(true);
    }
  });

  it("a plan with the table passes; one without gets a warning, never an error", () => {
    const good = [
      "# Changes",
      "",
      "| Spec § | Feature | Level | Impact on a v1.0 client |",
      "| --- | --- | --- | --- |",
      "| §6.4 | `session.ping` | SHOULD | additive |",
      "",
    ].join("\n");
    expect(findings("01-changes", good)).toEqual([]);
    const prose = "# Changes\n\nThe heartbeat of §6.4 is additive for `GizmoClient`.\n";
    expect(findings("01-changes", prose)).toEqual([
      "1 warning: Expected the table of changes: a table with columns matching /spec|§/, /message|feature/, /additive|breaking|impact/",
    ]);
  });

  it("holds the state column to the bootstrap's set, and a plan to the scale it declares itself", () => {
    const matrix = (legend: string, state: string) =>
      [
        "# Gaps",
        "",
        legend,
        "",
        "| v1.1 feature | State | Grade | Target package | Risk |",
        "| --- | --- | --- | --- | --- |",
        "| heartbeats (§6.4) | **Partial.** pings exist | Close | `gizmo.session` | **H** |",
        `| job listing (§6.6) | ${state} | Far | \`gizmo.jobs\` | L |`,
        "",
        "| Milestone | State | Owner |",
        "| --- | --- | --- |",
        "| heartbeats | doing | `core` |",
        "",
      ].join("\n");
    const scale = "`grade` ∈ `Close` / `Far` (nothing written yet) / `Done`.";
    expect(findings("02-gaps", matrix(scale, "Missing"))).toEqual([]);
    expect(findings("02-gaps", matrix(scale, "Wrong shape"))).toEqual([
      '8 warning: Unexpected value "Wrong shape" in column "State" of the gap matrix, expected one of /\\b(?:missing|partial|present)\\b/',
    ]);
    const strayGrade = matrix(scale, "Missing").replace("| Far |", "| Near |");
    expect(findings("02-gaps", strayGrade)).toEqual([
      '8 warning: Unexpected value "Near" in column "Grade" of the gap matrix, expected one of the values the plan declares above the table (Close, Far, Done)',
    ]);
  });
});
