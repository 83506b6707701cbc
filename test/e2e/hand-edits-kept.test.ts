import { appendFile, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { newPipelineWorkspace, plans, server, usePipelineHarness } from "../support/pipeline-harness.js";
import type { PipelineWorkspace } from "../support/pipeline-workspace.js";

// Issue 15, "Done when": run --force over a hand-edited plan leaves the edit in
// planning/.arcp-plan/v1.1/kept/… and says so; the same for --from and phase. --dry-run says beforehand.

usePipelineHarness({ answerWithFixturePlans: true });

async function fullyRunWorkspace(): Promise<PipelineWorkspace> {
  const ws = await newPipelineWorkspace();
  const result = await ws.run(["run"], { server });
  expect(result.code, result.stderr).toBe(0);
  return ws;
}

async function editByHand(ws: PipelineWorkspace, phaseId: string, marker: string): Promise<string> {
  await appendFile(
    join(ws.outDir, `${phaseId}.md`),
    `\nA maintainer's note (${marker}) cites \`src/arcp/session.py\`.\n`,
  );
  return ws.readPlan(phaseId);
}

/** Every kept copy on disk, as "<run folder>/<file>". */
async function keptCopies(ws: PipelineWorkspace): Promise<string[]> {
  const root = join(ws.stateDir, "kept");
  const runs = await readdir(root).catch(() => []);
  const copies = await Promise.all(
    runs.map(async (run) => (await readdir(join(root, run))).map((file) => `${run}/${file}`)),
  );
  return copies.flat().sort();
}

describe("hand edits are kept before a run overwrites them", () => {
  it("run --force: dry run warns, the run keeps the edit, says so, records it, and status shows it", async () => {
    const ws = await fullyRunWorkspace();
    const edited = await editByHand(ws, "04-architecture", "force");

    const dry = await ws.run(["run", "--force", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /Hand edits: a real run would overwrite planning\/v1\.1\/04-architecture\.md \(edited by hand\); each is copied to planning\/\.arcp-plan\/v1\.1\/kept\/<run start>\/ first\./,
    );
    const dryJson = JSON.parse((await ws.run(["run", "--force", "--dry-run", "--json"])).stdout) as {
      overwrites: unknown[];
    };
    expect(dryJson.overwrites).toEqual([
      { phase: "04-architecture", file: "planning/v1.1/04-architecture.md", reason: "edited by hand" },
    ]);
    const plain = await ws.run(["run", "--dry-run"]);
    expect(plain.stdout).toContain("a real run would overwrite no plan that differs");
    expect(await keptCopies(ws)).toEqual([]);

    const result = await ws.run(["run", "--force"], { server });
    expect(result.code, result.stderr).toBe(0);
    const copies = await keptCopies(ws);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\/04-architecture\.md$/);
    const keptAs = `planning/.arcp-plan/v1.1/kept/${copies[0]}`;
    expect(await readFile(join(ws.sdk, keptAs), "utf8")).toBe(edited);
    expect(await ws.readPlan("04-architecture")).toBe(plans.get("04-architecture"));

    // One line while it runs (CI view), one in the summary.
    expect(result.stderr).toContain(
      `04-architecture: kept planning/v1.1/04-architecture.md (edited by hand) as ${keptAs} before overwriting it`,
    );
    expect(result.stdout).toContain(
      `kept before overwriting: planning/v1.1/04-architecture.md (edited by hand) -> ${keptAs}`,
    );
    const record = await ws.readRecord();
    expect(record.kept).toEqual([
      {
        phase: "04-architecture",
        file: "planning/v1.1/04-architecture.md",
        keptAs,
        reason: "edited by hand",
        at: expect.any(String),
      },
    ]);

    const status = await ws.run(["status"]);
    expect(status.stdout).toContain("kept copies of plans overwritten by a run (1):");
    expect(status.stdout).toContain(`  planning/v1.1/04-architecture.md (edited by hand) -> ${keptAs}`);
    const statusJson = JSON.parse((await ws.run(["status", "--json"])).stdout) as { kept: unknown[] };
    expect(statusJson.kept).toEqual(record.kept);

    // Plans the tool wrote itself are overwritten without a copy.
    const again = await ws.run(["run", "--force"], { server });
    expect(again.code).toBe(0);
    expect(await keptCopies(ws)).toEqual(copies);
  });

  it("run --from keeps an edited plan it regenerates, and --json carries the event", async () => {
    const ws = await fullyRunWorkspace();
    const edited = await editByHand(ws, "10-synthesis", "from");

    const result = await ws.run(["run", "--from", "03-libraries", "--json"], { server });
    expect(result.code, result.stderr).toBe(0);
    const events = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string; phase?: string; kept?: { keptAs: string } });
    const kept = events.filter((event) => event.type === "plan-kept");
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ phase: "10-synthesis", kept: { reason: "edited by hand" } });
    expect(await readFile(join(ws.sdk, kept[0]!.kept!.keptAs), "utf8")).toBe(edited);
    const end = events.find((event) => event.type === "run-end") as unknown as {
      summary: { phases: { phase: string; kept?: unknown }[] };
    };
    expect(end.summary.phases.find((p) => p.phase === "10-synthesis")?.kept).toEqual(kept[0]!.kept);
  });

  it("phase <id> keeps the edit of the plan it re-runs", async () => {
    const ws = await fullyRunWorkspace();
    const edited = await editByHand(ws, "05-middleware", "phase");

    const result = await ws.run(["phase", "05-middleware"], { server });
    expect(result.code, result.stderr).toBe(0);
    const copies = await keptCopies(ws);
    expect(copies).toEqual([expect.stringMatching(/\/05-middleware\.md$/)]);
    expect(await readFile(join(ws.stateDir, "kept", copies[0]!), "utf8")).toBe(edited);
    expect(result.stdout).toMatch(
      /kept before overwriting: planning\/v1\.1\/05-middleware\.md \(edited by hand\) -> planning\/\.arcp-plan\/v1\.1\/kept\/.*\/05-middleware\.md/,
    );
  });

  it("a plan arcp-plan never wrote is kept too when --force regenerates it", async () => {
    const ws = await fullyRunWorkspace();
    const record = JSON.parse(await readFile(join(ws.stateDir, "run-record.json"), "utf8"));
    delete record.phases["06-examples"];
    await writeFile(join(ws.stateDir, "run-record.json"), JSON.stringify(record));
    const before = await ws.readPlan("06-examples");

    const result = await ws.run(["run", "--force"], { server });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("planning/v1.1/06-examples.md (not written by arcp-plan) -> ");
    const copies = await keptCopies(ws);
    expect(copies).toEqual([expect.stringMatching(/\/06-examples\.md$/)]);
    expect(await readFile(join(ws.stateDir, "kept", copies[0]!), "utf8")).toBe(before);
  });

  it("overwrites nothing when the copy cannot be written", async () => {
    const ws = await fullyRunWorkspace();
    const edited = await editByHand(ws, "04-architecture", "unkeepable");
    await writeFile(join(ws.stateDir, "kept"), "a file where the kept folder should be\n");

    const result = await ws.run(["run", "--force"], { server });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/04-architecture .*could not write .*kept.*04-architecture\.md/);
    expect(await ws.readPlan("04-architecture")).toBe(edited);
  });
});
