import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArcpPlanError } from "../../src/errors/arcp-plan-error.js";
import { loadPhaseDefinitions } from "../../src/pipeline/load-phase-definitions.js";
import type { BootstrapSource } from "../../src/workspace/read-bootstrap-source.js";
import { builtinBootstrap, loadBuiltinProgram } from "../support/builtin-program.js";
import { PHASE_IDS } from "../support/pipeline-workspace.js";

const fixtureBootstrap = (name: string): Promise<BootstrapSource> => {
  const file = path.resolve("fixtures/bootstraps", name);
  return readFile(file, "utf8").then((text) => ({ path: file, text, origin: "flag" as const }));
};

async function loadError(bootstrap: BootstrapSource, dir: string | undefined): Promise<ArcpPlanError> {
  const error = await loadPhaseDefinitions({ bootstrap }, dir).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ArcpPlanError);
  return error as ArcpPlanError;
}

describe("loadPhaseDefinitions with the built-in seed", () => {
  it("compiles ten phases in the table's order, with the seed's hand-tuned overrides applied", async () => {
    const { system, phases } = await loadBuiltinProgram();
    expect(system).toMatch(/opinionated senior Python engineer/);
    expect(system).toMatch(/^## How this run works$/m);
    expect(system).toContain("the plans under `planning/v1.1/`");
    expect(phases.map((phase) => phase.id)).toEqual(PHASE_IDS);
    const byId = new Map(phases.map((phase) => [phase.id, phase]));
    expect(byId.get("01-spec-delta")?.needs).toEqual([]);
    expect(byId.get("02-current-audit")?.needs).toEqual(["01-spec-delta"]);
    for (const id of ["03-libraries", "04-architecture", "05-middleware", "06-examples", "07-tests"]) {
      expect(byId.get(id)?.needs).toEqual(["01-spec-delta", "02-current-audit"]);
      expect(byId.get(id)?.owner).toBe("subagent");
    }
    expect(byId.get("10-synthesis")?.needs).toEqual(phases.slice(0, 9).map((phase) => phase.id));
    expect(byId.get("04-architecture")?.reads).toEqual(["01-spec-delta", "02-current-audit", "03-libraries"]);
    expect(byId.get("09-diagrams")?.reads).toEqual(["01-spec-delta", "04-architecture", "06-examples"]);
    expect(phases.filter((phase) => phase.verbatim).map((phase) => phase.id)).toEqual(["03-libraries"]);
    // From prompts/overrides/: the token limits and the hand-tuned checks.
    expect(byId.get("01-spec-delta")?.maxTokens).toBe(16000);
    expect(byId.get("04-architecture")?.checks.map((check) => check.name)).toContain(
      "the Python concurrency story",
    );
    // 03's override replaces the derived concern checks with its own ("replaceChecks: true").
    expect(byId.get("03-libraries")?.checks.some((check) => check.name.startsWith("a pick for"))).toBe(false);
    for (const phase of phases) {
      expect(phase.output).toBe(`${phase.id}.md`);
      expect(phase.checks.length).toBeGreaterThan(0);
      expect(phase.sourcePath).toMatch(/BOOTSTRAP\.md:\d+$/);
      expect(phase.promptSource).toBe(
        `bootstrap section Phase ${Number(phase.id.slice(0, 2))} or its override ${phase.id}.md (built-in)`,
      );
    }
  });

  it("gives a bootstrap of another SDK none of the seed's overrides", async () => {
    const rust = await fixtureBootstrap("blockquote-prompts.md");
    const { phases } = await loadPhaseDefinitions({ bootstrap: rust }, undefined);
    for (const phase of phases) {
      expect(phase.maxTokens, phase.id).toBeUndefined();
      for (const check of phase.checks) expect(check.languages, phase.id).toBeUndefined();
    }
  });

  it("applies a seed override only to the phase whose text is still the seed's", async () => {
    const seed = builtinBootstrap();
    const edited = {
      path: "/ws/sdk/BOOTSTRAP.md",
      text: seed.text.replace("You are designing the package layout", "You are drawing the package layout"),
      origin: "checkout" as const,
    };
    expect(edited.text).not.toBe(seed.text);
    const before = new Map((await loadBuiltinProgram()).phases.map((phase) => [phase.id, phase]));
    const after = (await loadPhaseDefinitions({ bootstrap: edited }, undefined)).phases;
    for (const phase of after) {
      const was = before.get(phase.id)!;
      if (phase.id === "04-architecture") {
        expect(phase.promptHash).not.toBe(was.promptHash);
        expect(phase.maxTokens).toBeUndefined();
      } else {
        expect(phase.promptHash, phase.id).toBe(was.promptHash);
      }
    }
  });
});

describe("loadPhaseDefinitions with an override folder", () => {
  let dir: string;
  let seed: BootstrapSource;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "arcp-plan-overrides-"));
    seed = builtinBootstrap();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("adds checks, sets the model and appends a note; a README is not an override", async () => {
    await writeFile(
      path.join(dir, "05-middleware.md"),
      "---\nid: 05-middleware\nmodel: claude-sonnet-5\nnote: Name the adapter you drop first.\nchecks:\n  - kind: mentions\n    name: the drop order\n    patterns: ['drop']\n---\n",
    );
    await writeFile(path.join(dir, "README.md"), "Notes about these overrides.\n");
    const plain = (await loadBuiltinProgram()).phases.find((phase) => phase.id === "05-middleware")!;
    const { phases } = await loadPhaseDefinitions({ bootstrap: seed }, dir);
    const phase = phases.find((candidate) => candidate.id === "05-middleware")!;
    expect(phase.model).toBe("claude-sonnet-5");
    expect(phase.body).toBe(`${plain.body}\n\nName the adapter you drop first.`);
    expect(phase.checks.map((check) => check.name)).toEqual([
      ...plain.checks.map((check) => check.name),
      "the drop order",
    ]);
    expect(phase.promptSource).toBe(
      "bootstrap section Phase 5 or its override 05-middleware.md (built-in), 05-middleware.md",
    );
    expect(phase.promptHash).not.toBe(plain.promptHash);
  });

  it("a body replaces the compiled instructions (and the seed's hand-tuning), and the tool text can be replaced too", async () => {
    await writeFile(path.join(dir, "01-spec-delta.md"), "---\nid: 01-spec-delta\n---\n\nWrite the delta.\n");
    await writeFile(path.join(dir, "how-this-run-works.md"), "## How we run\n\nOne file per phase.\n");
    const { phases, system } = await loadPhaseDefinitions({ bootstrap: seed }, dir);
    expect(phases[0]?.body).toBe("Write the delta.");
    // The seed's override was written for the seed's text of Phase 1, which no longer runs.
    expect(phases[0]?.maxTokens).toBeUndefined();
    expect(phases[0]?.promptSource).toBe("bootstrap section Phase 1 or its override 01-spec-delta.md");
    expect(system).toContain("## How we run");
    expect(system).not.toContain("## How this run works");
  });

  it("names the folder when it does not exist", async () => {
    const error = await loadError(seed, path.join(dir, "nope"));
    expect(error.kind).toBe("config");
    expect(error.message).toContain(path.join(dir, "nope"));
    expect(error.hint).toMatch(/--prompts/);
  });

  it("refuses a whole system.md, saying where its parts now live", async () => {
    await writeFile(path.join(dir, "system.md"), "You plan.\n");
    const error = await loadError(seed, dir);
    expect(error.message).toMatch(/system\.md: a whole system prompt is no longer read/);
    expect(error.hint).toMatch(/how-this-run-works\.md/);
  });

  it("an override naming a phase the bootstrap does not have (as its id or in reads) is an error naming the file", async () => {
    await writeFile(path.join(dir, "11-extra.md"), "---\nid: 11-extra\nmaxTokens: 100\n---\n");
    await writeFile(path.join(dir, "05-middleware.md"), "---\nid: 05-middleware\nreads: [99-nope]\n---\n");
    const error = await loadError(seed, dir);
    expect(error.kind).toBe("config");
    expect(error.details).toEqual([
      `${path.join(dir, "05-middleware.md")}: reads: "99-nope"`,
      `${path.join(dir, "11-extra.md")}: id "11-extra"`,
    ]);
    expect(error.hint).toContain("01-spec-delta");
  });

  it("an override's reads of a plan written later are dropped, as the compiler drops them", async () => {
    await writeFile(
      path.join(dir, "05-middleware.md"),
      "---\nid: 05-middleware\nreads: [04-architecture, 10-synthesis]\n---\n",
    );
    const { phases } = await loadPhaseDefinitions({ bootstrap: seed }, dir);
    expect(phases.find((phase) => phase.id === "05-middleware")?.reads).toEqual(["04-architecture"]);
  });

  it("reports every problem in every file, each naming the file and the field", async () => {
    await writeFile(path.join(dir, "01-spec-delta.md"), "---\nid: 01-spec-delta\nmaxTokens: -1\n---\n");
    await writeFile(
      path.join(dir, "02-current-audit.md"),
      "---\nid: 02-current-audit\nchecks:\n  - kind: mentions\n    name: x\n    patterns: ['(unclosed']\n---\n",
    );
    await writeFile(path.join(dir, "03-libraries.md"), "---\nid: 03-libraries\ncolour: red\n---\n");
    await writeFile(path.join(dir, "04-architecture.md"), "---\nid: [unclosed\n---\n");
    await writeFile(path.join(dir, "05-middleware.md"), "Just text, no front matter.\n");
    await writeFile(path.join(dir, "06-examples.md"), "---\nid: 05-middleware\n---\n");
    const error = await loadError(seed, dir);
    expect(error.kind).toBe("config");
    const details = error.details.join("\n");
    expect(details).toContain(`${path.join(dir, "01-spec-delta.md")}: maxTokens:`);
    expect(details).toMatch(/02-current-audit\.md: checks\.0\.patterns\.0: not a valid regular expression/);
    expect(details).toMatch(/03-libraries\.md: front matter: .*colour/);
    expect(details).toMatch(/04-architecture\.md: front matter: not valid YAML/);
    expect(details).toMatch(/05-middleware\.md: front matter: the file must start with a '---' line/);
    expect(details).toMatch(/06-examples\.md: id: "05-middleware" does not match the file name/);
  });
});
