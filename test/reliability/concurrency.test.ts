import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoKeyLeak } from "../support/expect-no-key-leak.js";
import { answerWithPlans } from "../support/fixture-plans.js";
import { newPipelineWorkspace, plans, server, usePipelineHarness } from "../support/pipeline-harness.js";
import { PHASE_IDS } from "../support/pipeline-workspace.js";
import { waitFor } from "../support/wait-for.js";
import { expectPlans, leftovers, readValidRecord } from "../support/workspace-invariants.js";

// Issue 6, "Concurrency": two `arcp-plan run` in one workspace at once. The first holds the lock;
// the second refuses at once (exit 2) naming the holder, sends nothing and touches nothing; the first
// then finishes without corruption. The first run's phase 01 is held by the fake server (an async
// responder) until the second has come and gone, so the overlap is certain, not a race.

usePipelineHarness();

/** The pid of a process that has exited: a lock naming it is stale. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid!;
}

describe("two runs in the same workspace", () => {
  it("the second refuses with exit 2 naming the lock; the first finishes intact", async () => {
    const ws = await newPipelineWorkspace();
    // A lock left by a crashed run (its process is gone) must not block anyone.
    await mkdir(ws.stateDir, { recursive: true });
    const lockFile = join(ws.stateDir, "lock");
    const stale = { pid: await deadPid(), command: "run", startedAt: "2026-01-01T00:00:00.000Z" };
    await writeFile(lockFile, `${JSON.stringify(stale)}\n`);

    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const answer = answerWithPlans(plans);
    server.setResponder(async (request) => {
      if (request.phaseId === "01-spec-delta") await held;
      return answer(request);
    });

    const first = ws.run(["run"], { server });
    await waitFor("the first run's phase 01 request", () => server.requestsFor("01-spec-delta").length > 0);

    const second = await ws.run(["run"], { server });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(
      /another arcp-plan \(run, pid \d+, started [^)]+\) is running on this output folder/,
    );
    expect(second.stderr).toContain(
      `hint: wait for it to finish; if no such process exists, delete ${lockFile}`,
    );
    const phase = await ws.run(["phase", "05-middleware"], { server });
    expect(phase.code).toBe(2);
    expect(phase.stderr).toMatch(/another arcp-plan \(run, pid \d+/);
    // Read-only commands need no lock and still work while the run is under way.
    const status = await ws.run(["status", "--json"]);
    expect(status.code).toBe(1);
    expect(server.requests).toHaveLength(1);

    release();
    const result = await first;
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests).toHaveLength(PHASE_IDS.length);
    await expectPlans(ws, plans, PHASE_IDS);
    const record = await readValidRecord(ws);
    for (const id of PHASE_IDS) expect(record.phases[id]?.state, id).toBe("done");
    expect(await leftovers(ws)).toEqual([]);
    await expectNoKeyLeak(ws, [result, second, phase, status]);
  });
});
