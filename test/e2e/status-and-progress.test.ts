import { describe, expect, it } from "vitest";
import type { PipelineEvent } from "../../src/pipeline/pipeline-events.js";
import { answerWithPlans } from "../support/fixture-plans.js";
import { newPipelineWorkspace, plans, server, usePipelineHarness } from "../support/pipeline-harness.js";
import { FAN_OUT_IDS, PHASE_IDS } from "../support/pipeline-workspace.js";
import { runAndInterrupt } from "../support/run-and-interrupt.js";

// Issue 14: progress views that fit the place, a schedule that a plain `run` keeps, and a `status`
// that does not call a billed, interrupted phase "never run".

interface StatusJson {
  phases: { phase: string; state: string; why: string; lastCostUsd: number | null; interrupted: unknown }[];
  schedule: { kind: string; from: string };
}

usePipelineHarness();

const calledPhases = () => [...new Set(server.requests.map((r) => r.phaseId))].sort();

describe("progress and status", () => {
  it("--progress json streams events on stderr, with the fan-out held for the cache shown as waiting", async () => {
    const ws = await newPipelineWorkspace();
    // The fan-out's first event comes late enough that the other phases reach the gate before it.
    const late = { firstEventMs: 1000 };
    server.setResponder(
      answerWithPlans(plans, { latency: (id) => (FAN_OUT_IDS.includes(id) ? late : undefined) }),
    );
    const result = await ws.run(["run", "--progress", "json"], { server });
    expect(result.code, result.stderr).toBe(0);
    const events = result.stderr
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as PipelineEvent);
    expect(events[0]?.type).toBe("run-start");
    expect(events.at(-1)?.type).toBe("run-end");
    // One fan-out phase goes first; the others that reach the gate before its first streamed event
    // wait for it (all six, unless the machine is slow enough that one starts after it), then resume.
    server.setResponder(answerWithPlans(plans));
    const waits = events.filter((e) => e.type === "phase-wait");
    expect(waits.length).toBeGreaterThan(0);
    const first = new Set(waits.map((e) => e.first));
    expect(first.size).toBe(1);
    const [warmer] = first;
    expect(FAN_OUT_IDS).toContain(warmer);
    const waited = waits.map((e) => e.phase);
    expect(new Set(waited).size).toBe(waited.length);
    for (const id of waited) expect(FAN_OUT_IDS.filter((fanOut) => fanOut !== warmer)).toContain(id);
    for (const wait of waits) {
      const at = events.indexOf(wait);
      const resumed = events.findIndex((e) => e.type === "phase-resume" && e.phase === wait.phase);
      const called = events.findIndex((e) => e.type === "phase-call" && e.phase === wait.phase);
      expect(resumed).toBeGreaterThan(at);
      expect(called).toBeGreaterThan(resumed);
    }
    // Not the live view, so the summary on stdout keeps its row per phase.
    for (const id of PHASE_IDS) expect(result.stdout).toMatch(new RegExp(`^${id}\\s+done`, "m"));

    const quiet = await ws.run(["run", "--force", "--progress", "none"], { server });
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe("");
    expect(quiet.stdout).toContain("files written:");

    const live = await ws.run(["run", "--force", "--progress", "live"], { server });
    expect(live.code, live.stderr).toBe(0);
    expect(live.stderr).toContain("\x1b[");
    expect(live.stderr).toMatch(
      /spent \$\d+\.\d{4}, no --max-cost cap · elapsed .* · 10\/10 finished · tokens in /,
    );
    // The last frame is on screen; the summary does not list the phases again.
    expect(live.stdout).not.toMatch(/^01-spec-delta/m);
    expect(live.stdout).toMatch(/^files written: /);
  });

  it("remembers --schedule reads, so status and a plain run keep it", async () => {
    const ws = await newPipelineWorkspace();
    server.setResponder(answerWithPlans(plans));
    const first = await ws.run(["run", "--schedule", "reads"], { server });
    expect(first.code, first.stderr).toBe(0);
    expect((await ws.readRecord()).schedule).toBe("reads");
    server.requests.length = 0;

    const status = await ws.run(["status"]);
    expect(status.code, status.stdout).toBe(0);
    expect(status.stdout).toContain("schedule: reads (as in the last run;");
    const json = JSON.parse((await ws.run(["status", "--json"])).stdout) as StatusJson;
    expect(json.schedule).toEqual({ kind: "reads", from: "last run" });
    expect(json.phases.every((p) => p.state === "fresh")).toBe(true);

    const again = await ws.run(["run"], { server });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("schedule: reads (as in the last run;");
    expect(server.requests).toHaveLength(0);

    // A flag still wins, and is then remembered in turn: phases whose upstream changes re-run.
    const table = await ws.run(["run", "--schedule", "table"], { server });
    expect(table.code, table.stderr).toBe(0);
    expect(calledPhases().length).toBeGreaterThan(0);
    expect((await ws.readRecord()).schedule).toBe("table");
  });

  it("after Ctrl-C, status says a billed phase was interrupted, not never run, and the next run clears it", async () => {
    const ws = await newPipelineWorkspace();
    const slow = FAN_OUT_IDS.filter((id) => id !== "09-diagrams");
    server.setResponder(
      answerWithPlans(plans, {
        latency: (id) => (slow.includes(id) ? { firstEventMs: 0, betweenEventsMs: 30_000 } : undefined),
      }),
    );
    const result = await runAndInterrupt(ws, {
      server,
      signal: "SIGINT",
      what: "every slow fan-out request streaming",
      when: () => slow.every((id) => server.requestsFor(id).length > 0),
    });
    expect(result.code, result.stderr).toBe(130);

    const record = await ws.readRecord();
    expect(Object.keys(record.interrupted ?? {}).sort()).toEqual(slow);
    const status = JSON.parse((await ws.run(["status", "--json"])).stdout) as StatusJson;
    for (const id of slow) {
      const phase = status.phases.find((p) => p.phase === id)!;
      expect(phase.state).toBe("missing");
      expect(phase.why).toMatch(/^interrupted after \$\d+\.\d{4} was billed; nothing written$/);
      expect(phase.lastCostUsd).toBeGreaterThan(0);
    }
    // Only the phase that never started is "never run".
    expect(status.phases.filter((p) => p.why === "never run").map((p) => p.phase)).toEqual(["10-synthesis"]);

    server.setResponder(answerWithPlans(plans));
    const resumed = await ws.run(["run"], { server });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((await ws.readRecord()).interrupted ?? {}).toEqual({});
  });
});
