import type { Usage } from "../../llm/usage.js";
import { addUsage, ZERO_USAGE } from "../../llm/usage.js";
import type { PhaseRunState, PipelineEvent } from "../../pipeline/pipeline-events.js";
import { formatCount, formatUsd } from "./format-cost.js";
import { renderTable } from "./render-table.js";

export interface LiveRow {
  phase: string;
  state: PhaseRunState | "waiting" | "held" | "running";
  startedAt?: number;
  endedAt?: number;
  turns: number;
  usage: Usage;
  costUsd: number;
}

/** The terminal's live view as state: rows keyed by phase, updated by events. Pure. */
export function applyEventToRows(rows: Map<string, LiveRow>, event: PipelineEvent, now: number): void {
  const row = (phase: string): LiveRow => {
    let existing = rows.get(phase);
    if (!existing) {
      existing = { phase, state: "waiting", turns: 0, usage: { ...ZERO_USAGE }, costUsd: 0 };
      rows.set(phase, existing);
    }
    return existing;
  };
  switch (event.type) {
    case "run-start":
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

/** One frame of the live table, every line cut to the terminal width so redraws stay aligned. */
export function renderLiveTable(rows: Iterable<LiveRow>, now: number, columns: number): string {
  const body = [...rows].map((r) => {
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
  return table
    .split("\n")
    .map((line) => line.slice(0, Math.max(20, columns - 1)))
    .join("\n");
}
