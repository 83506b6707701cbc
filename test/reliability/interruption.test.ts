import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { expectNoKeyLeak } from "../support/expect-no-key-leak.js";
import type { RecordedRequest, Responder } from "../support/fake-anthropic-server.js";
import { answerWithPlans, isRepairRequest, type PlanResponderOptions } from "../support/fixture-plans.js";
import { newPipelineWorkspace, plans, server, usePipelineHarness } from "../support/pipeline-harness.js";
import { FAN_OUT_IDS, PHASE_IDS, type PipelineWorkspace } from "../support/pipeline-workspace.js";
import { runAndInterrupt } from "../support/run-and-interrupt.js";
import type { CliResult } from "../support/run-cli.js";
import { waitFor } from "../support/wait-for.js";
import { expectPlans, leftovers, recordedStates } from "../support/workspace-invariants.js";

// Issue 6, "Interruption": SIGINT and SIGTERM at each stage of the pipeline. Per stage: a run stopped
// by SIGINT (exit 130), then the next run stopped by SIGTERM at the same stage (exit 143; it must
// re-run only what was unfinished), then a run that completes. After each stop: finished phases kept,
// no partial plan, no temp file or lock anywhere, the record valid, the in-flight requests abandoned.

/** First event at once (so the warm-up gate opens), then a stream that would take minutes. */
const SLOW = { firstEventMs: 0, betweenEventsMs: 60_000 };

usePipelineHarness();

/** The clean plan plus a paragraph the linter rejects, so a repair round follows. */
const violating = (id: string) => `${plans.get(id)}\nWe leverage a robust seam for \`ARCPServer\` (§99.4).\n`;

interface Stage {
  name: string;
  /** Answers for the runs that get interrupted (something stays in flight). */
  interrupted: Responder;
  /** Answers for the run that completes. */
  completing: Responder;
  /** The moment to send the signal; `ws` is the workspace under test. */
  ready: (ws: PipelineWorkspace) => Promise<boolean>;
  /** Phases whose plan exists after the first interruption (and still after the second). */
  finished: string[];
}

const STAGES: Stage[] = [
  {
    name: "phase 1",
    interrupted: answer({ latency: (id) => (id === "01-spec-delta" ? SLOW : undefined) }),
    completing: answer(),
    ready: async () => firstEventSent("01-spec-delta"),
    finished: [],
  },
  {
    name: "the fan-out",
    // 09 answers at once, so a finished fan-out phase is on record when the signal comes.
    interrupted: answer({
      latency: (id) => (FAN_OUT_IDS.includes(id) && id !== "09-diagrams" ? SLOW : undefined),
    }),
    completing: answer(),
    ready: async (ws) =>
      FAN_OUT_IDS.filter((id) => id !== "09-diagrams").every(firstEventSent) &&
      (await recordedStates(ws))["09-diagrams"] === "done",
    finished: ["01-spec-delta", "02-current-audit", "09-diagrams"],
  },
  {
    name: "a repair round",
    interrupted: answer({
      override: (r) => (r.phaseId === "05-middleware" ? repairSlowly(r) : undefined),
    }),
    completing: answer({
      override: (r) =>
        r.phaseId === "05-middleware" && !isRepairRequest(r) ? violating("05-middleware") : undefined,
    }),
    ready: async (ws) => {
      const states = await recordedStates(ws);
      return (
        server
          .requestsFor("05-middleware")
          .some((r) => isRepairRequest(r) && r.firstEventAtMs !== undefined) &&
        FAN_OUT_IDS.filter((id) => id !== "05-middleware").every((id) => states[id] === "done")
      );
    },
    finished: PHASE_IDS.filter((id) => id !== "05-middleware" && id !== "10-synthesis"),
  },
  {
    name: "the synthesis",
    interrupted: answer({ latency: (id) => (id === "10-synthesis" ? SLOW : undefined) }),
    completing: answer(),
    ready: async () => firstEventSent("10-synthesis"),
    finished: PHASE_IDS.filter((id) => id !== "10-synthesis"),
  },
];

/** The fixture plans are loaded in `beforeAll`, after the stages are declared: read them per request. */
function answer(options?: PlanResponderOptions): Responder {
  return (request) => answerWithPlans(plans, options)(request);
}

function firstEventSent(phaseId: string): boolean {
  return server.requestsFor(phaseId).some((r) => r.firstEventAtMs !== undefined);
}

function repairSlowly(request: RecordedRequest) {
  return isRepairRequest(request)
    ? { content: plans.get("05-middleware")!, latency: SLOW }
    : violating("05-middleware");
}

async function expectCleanStop(ws: PipelineWorkspace, result: CliResult, signal: string, stage: Stage) {
  expect(result.code, result.stderr).toBe(signal === "SIGINT" ? 130 : 143);
  expect(result.stderr).toContain(`${signal} received`);
  // The requests still streaming were abandoned, not waited for: the server saw the client go.
  await waitFor("the server to log every request's end", () =>
    server.requests.every((r) => r.endedAtMs !== undefined),
  );
  const unfinished = server.requests.filter((r) => r.outcome !== "ok");
  expect(unfinished.length).toBeGreaterThan(0);
  for (const request of unfinished) expect(request.outcome, request.phaseId).toBe("client-closed");

  const written = (await readdir(ws.outDir).catch(() => [] as string[])).sort();
  expect(written).toEqual(stage.finished.map((id) => `${id}.md`));
  await expectPlans(ws, plans, stage.finished);
  expect(await recordedStates(ws)).toEqual(Object.fromEntries(stage.finished.map((id) => [id, "done"])));
  expect(await leftovers(ws)).toEqual([]);
}

describe("interruption", () => {
  for (const stage of STAGES) {
    it(`SIGINT then SIGTERM during ${stage.name}: 130, 143, nothing lost, and the next run resumes`, async () => {
      const ws = await newPipelineWorkspace();
      const results: CliResult[] = [];
      const notYetRun = PHASE_IDS.filter((id) => !stage.finished.includes(id));

      for (const signal of ["SIGINT", "SIGTERM"] as const) {
        server.reset();
        server.setResponder(stage.interrupted);
        const result = await runAndInterrupt(ws, {
          server,
          signal,
          what: `the run to reach ${stage.name}`,
          when: () => stage.ready(ws),
        });
        results.push(result);
        await expectCleanStop(ws, result, signal, stage);
        if (signal === "SIGTERM") {
          // The second run was itself a resume: it asked only for what the first left unfinished.
          for (const request of server.requests) expect(notYetRun).toContain(request.phaseId);
        }
      }

      server.reset();
      server.setResponder(stage.completing);
      const resumed = await ws.run(["run"], { server });
      results.push(resumed);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect([...new Set(server.requests.map((r) => r.phaseId))].sort()).toEqual(notYetRun);
      await expectPlans(ws, plans, PHASE_IDS);
      expect(await leftovers(ws)).toEqual([]);
      await expectNoKeyLeak(ws, results);
    });
  }
});
