import type { ChildProcess } from "node:child_process";
import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { RunRecord } from "../../src/pipeline/run-record.js";
import { expectNoKeyLeak } from "../support/expect-no-key-leak.js";
import { answerWithPlans } from "../support/fixture-plans.js";
import { newPipelineWorkspace, plans, server, usePipelineHarness } from "../support/pipeline-harness.js";
import { FAN_OUT_IDS, PHASE_IDS, type PipelineWorkspace } from "../support/pipeline-workspace.js";
import { waitFor } from "../support/wait-for.js";

// Issue 5 "Done when": Ctrl-C during the fan-out exits 130 with no partial file, and the next run
// resumes. One fan-out phase (09) answers at once so a finished fan-out phase is on record when the
// signal arrives; the others send their first event at once (so the warm-up gate opens) and then
// stream so slowly that they are still in flight.

const FINISHED_EARLY = "09-diagrams";
const SLOW_STREAM = { firstEventMs: 0, betweenEventsMs: 30_000 };

usePipelineHarness();

async function recordedStates(ws: PipelineWorkspace): Promise<Record<string, string>> {
  let record: RunRecord;
  try {
    record = await ws.readRecord();
  } catch {
    return {};
  }
  return Object.fromEntries(Object.entries(record.phases).map(([id, entry]) => [id, entry.state]));
}

describe("Ctrl-C during the fan-out", () => {
  it("exits 130, leaves no partial file, keeps finished phases, and the next run resumes", async () => {
    const ws = await newPipelineWorkspace();
    server.setResponder(
      answerWithPlans(plans, {
        latency: (id) => (FAN_OUT_IDS.includes(id) && id !== FINISHED_EARLY ? SLOW_STREAM : undefined),
      }),
    );

    let child: ChildProcess | undefined;
    const running = ws.run(["run"], {
      server,
      onSpawn: (spawned) => {
        child = spawned;
      },
    });
    await waitFor(
      "every fan-out request and 09 on record",
      async () =>
        FAN_OUT_IDS.every((id) => server.requestsFor(id).length > 0) &&
        (await recordedStates(ws))[FINISHED_EARLY] === "done",
    );
    child!.kill("SIGINT");
    const result = await running;

    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toContain("SIGINT");
    // The in-flight calls were abandoned, not waited for: the server saw each client go away while
    // it was still pacing their streams.
    const interrupted = FAN_OUT_IDS.filter((id) => id !== FINISHED_EARLY);
    await waitFor("the server to log the abandoned requests", () =>
      interrupted.every((id) => server.requestsFor(id)[0]?.endedAtMs !== undefined),
    );
    for (const id of interrupted) expect(server.requestsFor(id)[0]?.outcome).toBe("client-closed");
    expect(server.requestsFor("10-synthesis")).toHaveLength(0);

    // Only whole plans of finished phases; no temp file and no lock anywhere in planning/.
    expect((await readdir(ws.outDir)).sort()).toEqual([
      "01-spec-delta.md",
      "02-current-audit.md",
      `${FINISHED_EARLY}.md`,
    ]);
    for (const id of ["01-spec-delta", "02-current-audit", FINISHED_EARLY]) {
      expect(await ws.readPlan(id)).toBe(plans.get(id));
    }
    const files = await ws.listFiles();
    expect(files.filter((f) => f.endsWith(".tmp") || f.endsWith("/lock"))).toEqual([]);
    expect(await recordedStates(ws)).toEqual({
      "01-spec-delta": "done",
      "02-current-audit": "done",
      [FINISHED_EARLY]: "done",
    });

    // Resume: only what was unfinished runs.
    server.requests.length = 0;
    server.setResponder(answerWithPlans(plans));
    const resumed = await ws.run(["run"], { server });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect([...new Set(server.requests.map((r) => r.phaseId))].sort()).toEqual([
      ...interrupted,
      "10-synthesis",
    ]);
    expect(server.requests).toHaveLength(interrupted.length + 1);
    for (const id of PHASE_IDS) expect(await ws.readPlan(id)).toBe(plans.get(id));
    await expectNoKeyLeak(ws, [result, resumed]);
  });
});
