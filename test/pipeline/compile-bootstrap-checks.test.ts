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
    facts: { "reference-examples": examples, "reference-middleware": [], "sdk-modules": [] },
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
