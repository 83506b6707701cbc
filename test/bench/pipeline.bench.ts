import {
  type FakeAnthropicServerOptions,
  type RecordedRequest,
  startFakeAnthropicServer,
} from "../support/fake-anthropic-server.js";
import { answerWithPlans, loadFixturePlans } from "../support/fixture-plans.js";
import { listPriceOf } from "../support/list-prices.js";
import { createPipelineWorkspace, FAN_OUT_IDS, PHASE_IDS } from "../support/pipeline-workspace.js";
import { runEndSummary } from "../support/run-events.js";
import type { BenchRow } from "./bench-row.js";

// The whole pipeline through the built CLI (run `npm run build` first) against the fake server on the
// fixture workspace: wall time against the critical-path bound, the fan-out's cache share, and whether
// the tool's reported cost matches the server's usage at Anthropic's list prices.

/** Sequential levels of the default (table) schedule: 01 → 02 → {03..09} → 10. */
const LEVELS = 4;
const RUNS = 5;

interface Scenario {
  name: string;
  server: FakeAnthropicServerOptions;
  /** Whether the wall-time target applies; otherwise the figures are shown against the same bound. */
  target: boolean;
}

// Every call takes ~800 ms at the server. The scenarios differ in when the first event (message_start)
// comes, which is when a prompt-cache entry becomes usable and so what the warm-up before the fan-out
// costs. With the real API the first event comes once the prompt is read, long before the answer.
const SCENARIOS: Scenario[] = [
  {
    name: "first event at 100 ms, the whole answer at 800 ms",
    server: { latency: { firstEventMs: 100, contentAfterMs: 700, betweenEventsMs: 0 } },
    target: true,
  },
  {
    name: "200 ms to first event + ~600 ms stream",
    // One delta per block, so every call has the same eleven events whatever the plan's size (the
    // default model thinks: a thinking block with its signature comes before the text).
    server: { latency: { firstEventMs: 200, betweenEventsMs: 60 }, chunkChars: 1_000_000 },
    target: true,
  },
  {
    // The warm-up waits for one first event, here a whole call: five calls on the critical path
    // against a bound that counts four, so only ~0.5 s is left for start-up and the gaps.
    name: "all 800 ms before the first event (worst case for the warm-up)",
    server: { latency: { firstEventMs: 800, betweenEventsMs: 0 } },
    target: false,
  },
];

interface Measured {
  wallMs: number;
  toolWallMs: number;
  perCallMs: number;
  /** Where the process wall time went beyond the model calls, from the server's log. */
  startupMs: number;
  warmUpMs: number;
  gapsMs: number;
  tailMs: number;
  fanOutCacheShare: number;
  reportedCostUsd: number;
  recordCostUsd: number;
  serverCostUsd: number;
}

export default async function pipelineBench(): Promise<BenchRow[]> {
  const plans = await loadFixturePlans();
  const rows: BenchRow[] = [];
  for (const scenario of SCENARIOS) {
    const runs: Measured[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measureFullRun(plans, scenario));
    const m = median(runs, (r) => r.wallMs);
    const bound = LEVELS * m.perCallMs;
    const limit = bound * 1.1 + 1000;
    const within = (ms: number) => (scenario.target ? ms <= limit : undefined);
    const against = (text: string) => (scenario.target ? text : `(not a target: ${text})`);
    rows.push(
      {
        area: "pipeline",
        metric: `full run wall time (${scenario.name}; median of ${RUNS})`,
        value: `${fmt(m.wallMs)} ms (tool's own: ${fmt(m.toolWallMs)} ms)`,
        target: against(
          `<= ${fmt(limit)} ms (bound ${LEVELS} x ${fmt(m.perCallMs)} = ${fmt(bound)} ms, +10% +1 s)`,
        ),
        met: within(m.wallMs),
      },
      {
        area: "pipeline",
        metric: `  same, the tool's own run time (run-start to run-end, no process start)`,
        value: `${fmt(m.toolWallMs)} ms`,
        target: against(`<= ${fmt(limit)} ms`),
        met: within(m.toolWallMs),
      },
      {
        area: "pipeline",
        metric: "  above the bound: start-up / warm-up wait / between levels / exit",
        value: `${fmt(m.wallMs - bound)} ms: ${fmt(m.startupMs)} / ${fmt(m.warmUpMs)} / ${fmt(m.gapsMs)} / ${fmt(m.tailMs)} ms`,
        target: "-",
      },
    );
    if (scenario === SCENARIOS[0]) {
      const cacheOk = m.fanOutCacheShare >= 0.8;
      const equal =
        Math.abs(m.reportedCostUsd - m.serverCostUsd) < 1e-9 &&
        Math.abs(m.recordCostUsd - m.serverCostUsd) < 1e-9;
      rows.push(
        {
          area: "pipeline",
          metric: "phases 3-9 input tokens served from cache (server usage)",
          value: `${(m.fanOutCacheShare * 100).toFixed(1)}%`,
          target: ">= 80%",
          met: cacheOk,
        },
        {
          area: "pipeline",
          metric: "reported cost (run-end / run record) vs server usage at list prices",
          value: `$${m.reportedCostUsd.toFixed(9)} / $${m.recordCostUsd.toFixed(9)} vs $${m.serverCostUsd.toFixed(9)}`,
          target: "equal to 1e-9",
          met: equal,
        },
      );
    }
  }
  return rows;
}

async function measureFullRun(plans: Map<string, string>, scenario: Scenario): Promise<Measured> {
  // The server's log counts from its start; this puts the bench's clock on the same origin.
  const serverOrigin = performance.now();
  const server = await startFakeAnthropicServer(scenario.server);
  const workspace = await createPipelineWorkspace();
  try {
    server.setResponder(answerWithPlans(plans));
    const started = performance.now();
    const result = await workspace.run(["run", "--json"], { server });
    const ended = performance.now();
    const wallMs = ended - started;
    if (result.code !== 0) throw new Error(`pipeline bench: run exited ${result.code}\n${result.stderr}`);
    const summary = runEndSummary(result.stdout);
    const requests = server.requests;
    if (requests.length !== PHASE_IDS.length) {
      throw new Error(`pipeline bench: expected ${PHASE_IDS.length} requests, got ${requests.length}`);
    }
    const record = await workspace.readRecord();
    const levels = [["01-spec-delta"], ["02-current-audit"], FAN_OUT_IDS, ["10-synthesis"]].map((ids) =>
      requests.filter((r) => ids.includes(r.phaseId ?? "")),
    );
    const firstArrival = (level: RecordedRequest[]) => Math.min(...level.map((r) => r.arrivedAtMs));
    const lastEnd = (level: RecordedRequest[]) => Math.max(...level.map((r) => r.endedAtMs ?? 0));
    const fanOutArrivals = levels[2]!.map((r) => r.arrivedAtMs).sort((a, b) => a - b);
    let gapsMs = 0;
    for (let i = 1; i < levels.length; i++) gapsMs += firstArrival(levels[i]!) - lastEnd(levels[i - 1]!);
    const perCallMs = callMs(median(requests, callMs));
    const warmUpMs = fanOutArrivals[1]! - fanOutArrivals[0]!;
    const startupMs = firstArrival(levels[0]!) - (started - serverOrigin);
    const tailMs = ended - serverOrigin - lastEnd(levels[3]!);
    return {
      wallMs,
      toolWallMs: summary.wallMs,
      perCallMs,
      startupMs,
      warmUpMs,
      tailMs,
      // Besides the gaps between levels, the fan-out level lasts longer than one call by the warm-up
      // and by the spread of its calls; count that spread with the gaps.
      gapsMs: gapsMs + (lastEnd(levels[2]!) - firstArrival(levels[2]!) - perCallMs - warmUpMs),
      fanOutCacheShare: cacheShare(requests.filter((r) => FAN_OUT_IDS.includes(r.phaseId ?? ""))),
      reportedCostUsd: summary.costUsd,
      recordCostUsd: Object.values(record.phases).reduce((sum, entry) => sum + entry.costUsd, 0),
      serverCostUsd: requests.reduce((sum, r) => sum + listPriceOf(r), 0),
    };
  } finally {
    await workspace.cleanup();
    await server.close();
  }
}

/** How long the server took to answer one call, arrival to last byte. */
function callMs(request: RecordedRequest): number {
  return (request.endedAtMs ?? request.arrivedAtMs) - request.arrivedAtMs;
}

function cacheShare(requests: readonly RecordedRequest[]): number {
  let read = 0;
  let prompt = 0;
  for (const { usage } of requests) {
    if (!usage) continue;
    read += usage.cache_read_input_tokens;
    prompt += usage.input_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens;
  }
  return prompt === 0 ? 0 : read / prompt;
}

/** The item with the median value (the upper one for even counts). */
function median<T>(items: readonly T[], value: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => value(a) - value(b));
  return sorted[Math.floor(sorted.length / 2)]!;
}

function fmt(ms: number): string {
  return ms.toFixed(0);
}
