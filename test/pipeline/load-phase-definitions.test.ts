import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArcpPlanError } from "../../src/errors/arcp-plan-error.js";
import { defaultPromptsDir, loadPhaseDefinitions } from "../../src/pipeline/load-phase-definitions.js";
import { PHASE_IDS } from "../support/pipeline-workspace.js";

const PHASE = `---
id: 01-alpha
title: Alpha
output: 01-alpha.md
owner: lead
needs: []
checks:
  - kind: mentions
    name: the codes
    patterns: ['CODE_ONE']
---

Write the alpha plan.
`;

async function loadError(dir: string): Promise<ArcpPlanError> {
  const error = await loadPhaseDefinitions(dir).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ArcpPlanError);
  return error as ArcpPlanError;
}

describe("loadPhaseDefinitions with the built-in prompts", () => {
  it("finds the package's prompts folder from the module file", () => {
    expect(existsSync(path.join(defaultPromptsDir(), "system.md"))).toBe(true);
  });

  it("loads the system prompt and ten phases sorted by id, following the bootstrap's table", async () => {
    const { system, phases } = await loadPhaseDefinitions(defaultPromptsDir());
    expect(system).toMatch(/opinionated senior Python engineer/);
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
    for (const phase of phases) {
      expect(phase.output).toBe(`${phase.id}.md`);
      expect(phase.checks.length).toBeGreaterThan(0);
      const bytes = await readFile(phase.sourcePath);
      expect(phase.promptHash).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
  });
});

describe("loadPhaseDefinitions errors", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "arcp-plan-prompts-"));
    await writeFile(path.join(dir, "system.md"), "You plan.\n");
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("loads a minimal valid folder with defaults applied", async () => {
    await writeFile(path.join(dir, "01-alpha.md"), PHASE);
    await writeFile(path.join(dir, "README.md"), "Notes about these prompts, not a phase.\n");
    const { system, phases } = await loadPhaseDefinitions(dir);
    expect(system).toBe("You plan.");
    expect(phases).toHaveLength(1);
    expect(phases[0]).toMatchObject({
      id: "01-alpha",
      reads: [],
      verbatim: false,
      body: "Write the alpha plan.",
    });
    expect(phases[0]?.sourcePath).toBe(path.join(dir, "01-alpha.md"));
  });

  it("names the folder when it does not exist", async () => {
    const error = await loadError(path.join(dir, "nope"));
    expect(error.kind).toBe("config");
    expect(error.message).toContain(path.join(dir, "nope"));
    expect(error.hint).toMatch(/--prompts/);
  });

  it("says system.md is missing", async () => {
    await rm(path.join(dir, "system.md"));
    await writeFile(path.join(dir, "01-alpha.md"), PHASE);
    const error = await loadError(dir);
    expect(error.message).toMatch(/no system\.md/);
  });

  it("says when there are no phase files", async () => {
    expect((await loadError(dir)).message).toMatch(/no phase files/);
  });

  it("reports every problem in every file, each naming the file and the field", async () => {
    await writeFile(
      path.join(dir, "01-alpha.md"),
      PHASE.replace("owner: lead", "owner: boss").replace("needs: []", "needs: [Bad Id]"),
    );
    await writeFile(
      path.join(dir, "02-beta.md"),
      PHASE.replaceAll("01-alpha", "02-beta").replace("title: Alpha\n", ""),
    );
    await writeFile(
      path.join(dir, "03-gamma.md"),
      PHASE.replaceAll("01-alpha", "03-gamma").replace("patterns: ['CODE_ONE']", "patterns: ['(unclosed']"),
    );
    await writeFile(
      path.join(dir, "04-delta.md"),
      PHASE.replaceAll("01-alpha", "04-delta").replace("output: 04-delta.md", "output: other.md"),
    );
    await writeFile(
      path.join(dir, "05-eps.md"),
      PHASE.replaceAll("01-alpha", "05-eps").replace("owner: lead", "owner: lead\ncolour: red"),
    );
    const error = await loadError(dir);
    expect(error.kind).toBe("config");
    const details = error.details.join("\n");
    expect(details).toContain(`${path.join(dir, "01-alpha.md")}: owner:`);
    expect(details).toContain(`${path.join(dir, "01-alpha.md")}: needs.0:`);
    expect(details).toContain(`${path.join(dir, "02-beta.md")}: title:`);
    expect(details).toMatch(/03-gamma\.md: checks\.0\.patterns\.0: not a valid regular expression/);
    expect(details).toMatch(/04-delta\.md: output: expected "04-delta\.md"/);
    expect(details).toMatch(/05-eps\.md: front matter: .*colour/);
  });

  it("reports broken YAML, a missing front matter, an empty body and an id that is not the file name", async () => {
    await writeFile(path.join(dir, "01-alpha.md"), "---\nid: [unclosed\n---\nBody\n");
    await writeFile(path.join(dir, "02-beta.md"), "Just text, no front matter.\n");
    await writeFile(
      path.join(dir, "03-gamma.md"),
      `${PHASE.replaceAll("01-alpha", "03-gamma").split("---\n\n")[0]}---\n\n`,
    );
    await writeFile(path.join(dir, "04-delta.md"), PHASE);
    const details = (await loadError(dir)).details.join("\n");
    expect(details).toMatch(/01-alpha\.md: front matter: not valid YAML/);
    expect(details).toMatch(/02-beta\.md: front matter: the file must start with a '---' line/);
    expect(details).toMatch(/03-gamma\.md: body: .*empty/);
    expect(details).toMatch(/04-delta\.md: id: "01-alpha" does not match the file name/);
  });
});
