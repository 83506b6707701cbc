import type { Usage } from "../../llm/usage.js";
import { addUsage, sumUsage, ZERO_USAGE } from "../../llm/usage.js";
import type { PhaseRunState, PipelineEvent } from "../../pipeline/pipeline-events.js";
import { formatCount, formatDuration, formatUsd } from "./format-cost.js";
import { renderTable } from "./render-table.js";

export interface LiveRow {
  phase: string;
  state: PhaseRunState | "waiting" | "held" | "running" | "waiting for cache";
  startedAt?: number;
  endedAt?: number;
  turns: number;
  usage: Usage;
  costUsd: number;
}

/** The terminal's live view as state: when the run started, and rows keyed by phase. */
export interface LiveState {
  startedAt: number | undefined;
  rows: Map<string, LiveRow>;
  /** `--max-cost`, shown beside the spend; undefined when there is no cap. */
  maxCost: number | undefined;
}

export function createLiveState(maxCost: number | undefined): LiveState {
  return { startedAt: undefined, rows: new Map(), maxCost };
}

/** Updates the live state from one pipeline event. Pure apart from mutating `state`. */
export function applyEventToRows(state: LiveState, event: PipelineEvent, now: number): void {
  const row = (phase: string): LiveRow => {
    let existing = state.rows.get(phase);
    if (!existing) {
      existing = { phase, state: "waiting", turns: 0, usage: { ...ZERO_USAGE }, costUsd: 0 };
      state.rows.set(phase, existing);
    }
    return existing;
  };
  switch (event.type) {
    case "run-start":
      state.startedAt ??= now;
      for (const phase of event.phases) row(phase);
      break;
    case "phase-fresh":
      row(event.phase).state = "fresh";
      break;
    case "phase-held": {
      // Held by the cost cap: before its first call ("waiting" until then) or between calls.
      const r = row(event.phase);
      if (r.state === "waiting") r.state = "held";
      break;
    }
    case "phase-start": {
      const r = row(event.phase);
      r.state = "running";
      r.startedAt = now;
      break;
    }
    case "phase-wait":
      row(event.phase).state = "waiting for cache";
      break;
    case "phase-resume":
      row(event.phase).state = "running";
      break;
    case "phase-call": {
      const r = row(event.phase);
      r.turns += 1;
      r.usage = addUsage(r.usage, event.usage);
      r.costUsd += event.costUsd ?? 0;
      break;
    }
    case "phase-end": {
      const r = row(event.summary.phase);
      r.state = event.summary.state;
      r.endedAt = now;
      break;
    }
    default:
      break;
  }
}

/**
 * One frame of the live view: a header line with the spend against the `--max-cost` cap, the run's
 * elapsed time, the phases finished and the tokens, then a row per phase. Every line is cut to the terminal width so
 * redraws stay aligned.
 */
export function renderLiveTable(state: LiveState, now: number, columns: number): string {
  const rows = [...state.rows.values()];
  const body = rows.map((r) => {
    const elapsed =
      r.startedAt === undefined ? "" : `${(((r.endedAt ?? now) - r.startedAt) / 1000).toFixed(1)}s`;
    const input = r.usage.inputTokens + r.usage.cacheWriteTokens + r.usage.cacheReadTokens;
    return [
      r.phase,
      r.state,
      elapsed,
      r.turns === 0 ? "" : String(r.turns),
      input === 0 ? "" : formatCount(input),
      r.usage.cacheReadTokens === 0 ? "" : formatCount(r.usage.cacheReadTokens),
      r.usage.outputTokens === 0 ? "" : formatCount(r.usage.outputTokens),
      r.turns === 0 ? "" : formatUsd(r.costUsd),
    ];
  });
  const table = renderTable(
    ["phase", "state", "elapsed", "calls", "tokens in", "cached", "out", "cost"],
    body,
  );
  return [renderLiveHeader(state, rows, now), table]
    .join("\n")
    .split("\n")
    .map((line) => line.slice(0, Math.max(20, columns - 1)))
    .join("\n");
}

const FINISHED: ReadonlySet<LiveRow["state"]> = new Set([
  "fresh",
  "done",
  "failed-lint",
  "failed",
  "skipped",
  "aborted",
]);

/** Spend first: a narrow terminal cuts the line from the right, and the cap matters most. */
function renderLiveHeader(state: LiveState, rows: readonly LiveRow[], now: number): string {
  const usage = sumUsage(rows.map((r) => r.usage));
  const spent = formatUsd(rows.reduce((sum, r) => sum + r.costUsd, 0));
  const input = usage.inputTokens + usage.cacheWriteTokens + usage.cacheReadTokens;
  const elapsed = state.startedAt === undefined ? 0 : now - state.startedAt;
  return [
    state.maxCost === undefined
      ? `spent ${spent}, no --max-cost cap`
      : `spent ${spent} of --max-cost $${state.maxCost}`,
    `elapsed ${formatDuration(Math.round(elapsed / 100) * 100)}`,
    `${rows.filter((r) => FINISHED.has(r.state)).length}/${rows.length} finished`,
    `tokens in ${formatCount(input)} (${formatCount(usage.cacheReadTokens)} cached), out ${formatCount(usage.outputTokens)}`,
  ].join(" · ");
}
