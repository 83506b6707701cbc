import {
  type FakeAnthropicServer,
  type FakeReply,
  fault,
  startFakeAnthropicServer,
} from "../support/fake-anthropic-server.js";
import { answerWithPlans, loadFixturePlans } from "../support/fixture-plans.js";
import { createPipelineWorkspace, PHASE_IDS } from "../support/pipeline-workspace.js";
import { writeWorkspaceConfig } from "../support/workspace-invariants.js";
import type { BenchRow } from "./bench-row.js";

// Issue 6: what a realistic mix of API faults costs a full run through the built CLI (run
// `npm run build` first) on the fixture workspace, against a clean run with the same latency: extra
// wall time, and extra requests (exactly one per injected fault when nothing storms).

const LATENCY = { firstEventMs: 300, betweenEventsMs: 0 };
const IDLE_TIMEOUT_MS = 2_000;
/** The longest wait before a first whole-call retry with the default backoff (1 s base, jitter down to half). */
const FIRST_RETRY_BACKOFF_MS = 1_000;
const RUNS = 3;

interface InjectedFault {
  phase: string;
  replies: FakeReply[];
  /** Requests the fault adds. */
  extraRequests: number;
  /** Waiting it imposes before the retry (retry-after, or idle timeout and backoff), excluding the re-sent call. */
  waitMs: number;
}

const FAULTS: InjectedFault[] = [
  { phase: "01-spec-delta", replies: [fault.rateLimited(0.5)], extraRequests: 1, waitMs: 500 },
  { phase: "02-current-audit", replies: [fault.overloaded(1)], extraRequests: 1, waitMs: 1_000 },
  {
    phase: "03-libraries",
    replies: [fault.rateLimited(0.5), fault.rateLimited(0.5)],
    extraRequests: 2,
    waitMs: 1_000,
  },
  {
    phase: "05-middleware",
    replies: [fault.errorEvent()],
    extraRequests: 1,
    waitMs: FIRST_RETRY_BACKOFF_MS,
  },
  {
    phase: "07-tests",
    replies: [fault.stall()],
    extraRequests: 1,
    waitMs: IDLE_TIMEOUT_MS + FIRST_RETRY_BACKOFF_MS,
  },
];

/** Levels of the default schedule; a level's extra time is its slowest fault. */
const LEVELS = [["01-spec-delta"], ["02-current-audit"], PHASE_IDS.slice(2, 9) as string[], ["10-synthesis"]];

interface Measured {
  wallMs: number;
  requests: number;
}

export default async function faultsBench(): Promise<BenchRow[]> {
  const plans = await loadFixturePlans();
  const clean: Measured[] = [];
  const faulty: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    clean.push(await measure(plans, false));
    faulty.push(await measure(plans, true));
  }
  const c = median(clean);
  const f = median(faulty);
  const extraMs = f.wallMs - c.wallMs;
  const extraRequests = f.requests - c.requests;
  const expectedRequests = FAULTS.reduce((sum, x) => sum + x.extraRequests, 0);
  // Upper bound: per level, the slowest fault's wait plus one re-sent call per retry it causes.
  const perCallMs = LATENCY.firstEventMs + 100;
  const boundMs =
    LEVELS.reduce((sum, ids) => {
      const worst = FAULTS.filter((x) => ids.includes(x.phase)).map(
        (x) => x.waitMs + x.extraRequests * perCallMs,
      );
      return sum + Math.max(0, ...worst);
    }, 0) + 1_000;
  return [
    {
      area: "faults",
      metric: `clean full run (10 phases, ${LATENCY.firstEventMs} ms per call; median of ${RUNS})`,
      value: `${fmt(c.wallMs)} ms, ${c.requests} requests`,
      target: "-",
    },
    {
      area: "faults",
      metric: "same run with 2x429 burst + 429 + 529 (retry-after) + error event + stall",
      value: `${fmt(f.wallMs)} ms, ${f.requests} requests, all 10 phases done`,
      target: "exit 0",
      met: true,
    },
    {
      area: "faults",
      metric: "  extra wall time of the fault run",
      value: `+${fmt(extraMs)} ms (+${((extraMs / c.wallMs) * 100).toFixed(0)}%)`,
      target: `<= ${fmt(boundMs)} ms (waits + re-sent calls on the critical path, +1 s)`,
      met: extraMs <= boundMs,
    },
    {
      area: "faults",
      metric: "  extra requests of the fault run",
      value: `+${extraRequests}`,
      target: `= ${expectedRequests} (one per injected fault)`,
      met: extraRequests === expectedRequests,
    },
  ];
}

async function measure(plans: Map<string, string>, withFaults: boolean): Promise<Measured> {
  const server: FakeAnthropicServer = await startFakeAnthropicServer({ latency: LATENCY });
  const workspace = await createPipelineWorkspace();
  try {
    await writeWorkspaceConfig(workspace, { model: { idleTimeoutMs: IDLE_TIMEOUT_MS } });
    if (withFaults) for (const x of FAULTS) server.script(x.phase, ...x.replies);
    server.setResponder(answerWithPlans(plans));
    const started = performance.now();
    const result = await workspace.run(["run", "--json"], { server });
    const wallMs = performance.now() - started;
    if (result.code !== 0) throw new Error(`faults bench: run exited ${result.code}\n${result.stderr}`);
    if (Object.keys(server.pending()).length > 0)
      throw new Error("faults bench: a scripted fault was not used");
    return { wallMs, requests: server.requests.length };
  } finally {
    await workspace.cleanup();
    await server.close();
  }
}

function median(runs: Measured[]): Measured {
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function fmt(ms: number): string {
  return Math.round(ms).toLocaleString("en-US");
}
