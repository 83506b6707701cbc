import { existsSync } from "node:fs";
import { cp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { newPipelineWorkspace, plans, server, usePipelineHarness } from "../support/pipeline-harness.js";
import { PHASE_IDS, type PipelineWorkspace } from "../support/pipeline-workspace.js";
import { repoRoot } from "../support/run-cli.js";
import {
  expectPlans,
  leftovers,
  readValidRecord,
  seedPlans,
  snapshotFiles,
  writeWorkspaceConfig,
} from "../support/workspace-invariants.js";

// Issue 6, "Bad input": each case is a clear message naming what is wrong and how to fix it, the
// documented exit code (2: could not run), no request sent, and nothing lost: the output folder holds
// good plans from before, and every file of the workspace is byte-identical afterwards.

usePipelineHarness({ answerWithFixturePlans: true });

/** A workspace whose output folder already holds the ten good plans. */
async function seededWorkspace(): Promise<PipelineWorkspace> {
  const ws = await newPipelineWorkspace();
  await seedPlans(ws, plans);
  return ws;
}

/**
 * Runs the command, expects exit 2 and every pattern on stderr, no request, and no file changed
 * (the breakage itself, made before, stays as it was).
 */
async function expectRefused(ws: PipelineWorkspace, args: string[], patterns: (string | RegExp)[]) {
  const before = await snapshotFiles(ws);
  const result = await ws.run(args, { server });
  expect(result.code, result.stderr).toBe(2);
  for (const pattern of patterns) expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toContain("internal error");
  expect(result.stderr).toMatch(/hint: /);
  expect(server.requests).toHaveLength(0);
  expect(await snapshotFiles(ws)).toEqual(before);
  return result;
}

async function copyPrompts(ws: PipelineWorkspace): Promise<string> {
  const dir = join(ws.root, "my-prompts");
  await cp(join(repoRoot, "prompts/overrides"), dir, { recursive: true });
  return dir;
}

describe("missing or unreadable workspace parts", () => {
  it("a missing spec folder names the path it tried and --spec", async () => {
    const ws = await seededWorkspace();
    await rm(join(ws.root, "spec"), { recursive: true });
    await expectRefused(ws, ["run"], [`spec not found: ${join(ws.root, "spec")}`, "--spec"]);
  });

  it("a reference that is a file, not a folder, names it and --reference", async () => {
    const ws = await seededWorkspace();
    await rm(join(ws.root, "typescript-sdk"), { recursive: true });
    await writeFile(join(ws.root, "typescript-sdk"), "not a folder\n");
    await expectRefused(ws, ["run"], ["TypeScript reference is not a folder", "--reference"]);
  });

  it("a spec draft that is a dangling symlink is reported as no v1.1 draft, naming --spec", async () => {
    const ws = await seededWorkspace();
    const draft = join(ws.root, "spec/docs/draft-arcp-1.1.md");
    await rm(draft);
    await symlink(join(ws.root, "gone.md"), draft);
    await expectRefused(ws, ["run"], ["no v1.1 spec draft found", "--spec FILE"]);
  });

  it("a spec with no numbered sections is refused, naming the file", async () => {
    const ws = await seededWorkspace();
    const draft = join(ws.root, "spec/docs/draft-arcp-1.1.md");
    await writeFile(draft, "# ARCP\n\nVersion: 1.1\n\nProse only, without one numbered heading.\n");
    await expectRefused(ws, ["run"], [`the spec draft ${draft} has no numbered sections`]);
  });
});

describe("malformed configuration and prompts", () => {
  it("a config with several problems reports every one of them", async () => {
    const ws = await seededWorkspace();
    await writeWorkspaceConfig(ws, {
      model: { maxTokens: -1, idleTimeoutMs: "soon" },
      pipeline: { concurrency: 0 },
      colour: "blue",
    });
    await expectRefused(
      ws,
      ["run"],
      [
        "has 4 problem(s)",
        "model.maxTokens:",
        "model.idleTimeoutMs:",
        "pipeline.concurrency:",
        /\(top level\): Unrecognized key: "colour"/,
      ],
    );
  });

  it("a config that is not JSON says so, at its line and column", async () => {
    const ws = await seededWorkspace();
    await writeFile(join(ws.sdk, "arcp-plan.config.json"), '{\n  "model": {\n    "name": "x",\n  }\n}\n');
    await expectRefused(
      ws,
      ["run"],
      [
        "arcp-plan.config.json is not valid JSON: line 4, column 3: expected a property name after the comma (JSON allows no trailing comma)",
        "4 |   }",
      ],
    );
  });

  it("broken front matter in a --prompts copy names each broken file", async () => {
    const ws = await seededWorkspace();
    const dir = await copyPrompts(ws);
    const architecture = join(dir, "04-architecture.md");
    const text = await readFile(architecture, "utf8");
    await writeFile(architecture, text.replace("maxTokens:", "needs: [unclosed\nmaxTokens:"));
    await writeFile(join(dir, "06-examples.md"), "No front matter here.\n");
    await expectRefused(
      ws,
      ["run", "--prompts", dir],
      [
        `${architecture}: front matter: not valid YAML`,
        `${join(dir, "06-examples.md")}: front matter:`,
        "--prompts",
      ],
    );
  });

  it("a dependency cycle in the SDK's BOOTSTRAP.md names the cycle and its lines", async () => {
    const ws = await seededWorkspace();
    const seed = await readFile(join(repoRoot, "prompts/BOOTSTRAP.md"), "utf8");
    const row = /^\| 1 +\| `planning\/v1\.1\/01-spec-delta\.md` +\| you +\| spec +\|$/m;
    expect(seed).toMatch(row);
    await writeFile(
      join(ws.sdk, "BOOTSTRAP.md"),
      seed.replace(row, (line) => line.replace("| spec ", "| 10   ")),
    );
    await expectRefused(
      ws,
      ["run"],
      ["cannot compile the bootstrap", "cycle", "01-spec-delta → 10-synthesis → 01-spec-delta"],
    );
  });

  it("an unknown phase id on `phase` (and on --from) lists the known ids", async () => {
    const ws = await seededWorkspace();
    await expectRefused(ws, ["phase", "11-epilogue"], ["unknown phase '11-epilogue'", PHASE_IDS.join(", ")]);
    await expectRefused(ws, ["run", "--from", "11-epilogue"], ["unknown phase '11-epilogue' for --from"]);
    // A table number names a phase too, as in `explain 4`.
    const byNumber = await ws.run(["run", "--dry-run", "--json", "--from", "4"]);
    expect(byNumber.code, byNumber.stderr).toBe(0);
    expect((JSON.parse(byNumber.stdout) as { toRun: string[] }).toRun).toEqual([
      "04-architecture",
      "10-synthesis",
    ]);
  });
});

describe("odd files in the SDK tree", () => {
  it("binary, very large, non-UTF-8 and escaping symlinked files: the bundle copes and leaks nothing", async () => {
    const ws = await seededWorkspace();
    const src = join(ws.sdk, "src/arcp");
    await writeFile(join(src, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 255, 254]));
    await writeFile(join(src, "generated_table.py"), `# generated\n${"ROW = (1, 2, 3)\n".repeat(400_000)}`);
    await writeFile(join(src, "legacy.py"), Buffer.from("# caf\xe9, written in Latin-1\nx = 1\n", "latin1"));
    await mkdir(join(ws.root, "elsewhere"));
    await writeFile(join(ws.root, "elsewhere/secret.txt"), "OUTSIDE-THE-WORKSPACE-1234\n");
    await symlink(join(ws.root, "elsewhere"), join(src, "linked_folder"));
    await symlink(join(ws.root, "elsewhere/secret.txt"), join(ws.sdk, "NOTES.md"));
    const before = await snapshotFiles(ws);

    const result = await ws.run(["bundle", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      entries: { viewPath?: string; status?: string; sentTokens?: number }[];
      budgetTokens: number;
      totals: { sentTokens: number };
    };
    const byPath = new Map(report.entries.map((entry) => [entry.viewPath, entry]));
    // The 6 MB file is cut to what the budget allows; the bundle stays within its budget.
    expect(byPath.get("src/arcp/generated_table.py")?.status).toBe("truncated");
    expect(report.totals.sentTokens).toBeLessThanOrEqual(report.budgetTokens);
    // Binary and non-UTF-8 files stay out; so does everything reached through a symlink leaving the workspace.
    for (const path of [
      "src/arcp/logo.png",
      "src/arcp/legacy.py",
      "NOTES.md",
      "src/arcp/linked_folder/secret.txt",
    ]) {
      expect(byPath.has(path), path).toBe(false);
    }
    expect(result.stdout).not.toContain("OUTSIDE-THE-WORKSPACE");
    expect(await snapshotFiles(ws)).toEqual(before);
  });
});

describe("an output folder that cannot be written", () => {
  // Tests run as root, which ignores permission bits: a file standing where a folder must be is
  // what stops even root.
  it("`planning` is a file: refused before any request, naming the path and --out", async () => {
    const ws = await newPipelineWorkspace();
    await writeFile(join(ws.sdk, "planning"), "a file where the planning folder should be\n");
    await expectRefused(
      ws,
      ["run"],
      [`cannot read the plan ${join(ws.outDir, "01-spec-delta.md")}`, "ENOTDIR", "--out"],
    );
    await expectRefused(ws, ["phase", "01-spec-delta"], ["ENOTDIR", "--out"]);
  });

  it("--out below a file is refused the same way", async () => {
    const ws = await newPipelineWorkspace();
    await expectRefused(ws, ["run", "--out", "README.md/plans"], ["README.md/plans", "ENOTDIR", "--out"]);
  });

  it("a file where the run-state folder should be is refused before any request", async () => {
    const ws = await seededWorkspace();
    await mkdir(dirname(ws.stateDir), { recursive: true });
    await writeFile(ws.stateDir, "a file where planning/.arcp-plan/v1.1 should be\n");
    await expectRefused(
      ws,
      ["run", "--force"],
      [`cannot create the run state folder ${ws.stateDir}`, "--out"],
    );
  });

  it("a folder where a plan should be is refused, the other plans untouched", async () => {
    const ws = await seededWorkspace();
    await rm(join(ws.outDir, "05-middleware.md"));
    await mkdir(join(ws.outDir, "05-middleware.md"));
    await expectRefused(
      ws,
      ["run"],
      [`cannot read the plan ${join(ws.outDir, "05-middleware.md")}`, "EISDIR"],
    );
    await expectRefused(ws, ["status"], ["EISDIR"]);
  });
});

describe("a corrupt run record", () => {
  it("is reported, not trusted, keeps the plans on disk, and is rebuilt by --force", async () => {
    const ws = await seededWorkspace();
    await mkdir(ws.stateDir, { recursive: true });
    const recordFile = join(ws.stateDir, "run-record.json");
    await writeFile(recordFile, '{ "version": 1, "phases": { "01-spec-de');

    const status = await ws.run(["status"]);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain(`warning: ignored the run record ${recordFile}: not valid JSON`);
    for (const id of PHASE_IDS) expect(status.stdout).toMatch(new RegExp(`${id}\\s+untracked`));

    // Valid JSON of the wrong shape is not trusted either.
    await writeFile(
      recordFile,
      JSON.stringify({ version: 1, phases: { "01-spec-delta": { state: "done" } } }),
    );
    const run = await ws.run(["run"], { server });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /ignored the run record .*not a version 1 run record \(phases\.01-spec-delta\./,
    );
    // Not trusted, and nothing overwritten: plans the record cannot vouch for are kept, and said so.
    expect(server.requests).toHaveLength(0);
    expect(run.stderr).toContain(
      "01-spec-delta: kept a plan not written by arcp-plan (--force regenerates it)",
    );
    await expectPlans(ws, plans, PHASE_IDS);
    const kept = (await ws.run(["status"])).stdout;
    expect(kept).toMatch(/01-spec-delta\s+untracked\s+\[1\]/);
    expect(kept.match(/not written by arcp-plan/g)).toEqual(["not written by arcp-plan"]);
    expect(kept).toMatch(/^\[1\] not written by arcp-plan/m);

    // --force rebuilds the record: every phase runs again.
    const forced = await ws.run(["run", "--force"], { server });
    expect(forced.code, forced.stderr).toBe(0);
    expect(server.requests).toHaveLength(PHASE_IDS.length);
    const record = await readValidRecord(ws);
    expect(Object.keys(record.phases).sort()).toEqual([...PHASE_IDS]);
    await expectPlans(ws, plans, PHASE_IDS);
    expect(await leftovers(ws)).toEqual([]);
    expect((await ws.run(["status"])).code).toBe(0);
  });
});

describe("a run record that cannot be written", () => {
  it("stops the run with exit 2, naming the file, keeping what was written whole, no temp files left", async () => {
    const ws = await newPipelineWorkspace();
    // A folder where the record file goes: every atomic write of it fails at the rename.
    const recordFile = join(ws.stateDir, "run-record.json");
    await mkdir(join(recordFile, "blocker"), { recursive: true });
    const result = await ws.run(["run"], { server });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`could not write ${recordFile}`);
    expect(result.stderr).toMatch(/hint: /);
    expect(result.stderr).not.toContain("internal error");
    // What was written is whole: the plans the model answered, byte for byte.
    const written = PHASE_IDS.filter((id) => existsSync(join(ws.outDir, `${id}.md`)));
    expect(written.length).toBeGreaterThan(0);
    // The first failed write stops the run: no money spent on phases whose results cannot be kept.
    expect(server.requests.length).toBeLessThan(PHASE_IDS.length);
    await expectPlans(ws, plans, written);
    expect(await leftovers(ws)).toEqual([]);
  });
});
