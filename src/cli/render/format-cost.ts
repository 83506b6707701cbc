import type { Usage } from "../../llm/usage.js";

/** "$0.4213"; "n/a" when unknown. */
export function formatUsd(value: number | undefined): string {
  return value === undefined ? "n/a" : `$${value.toFixed(4)}`;
}

/** "12.3k"-style counts for narrow columns. */
export function formatCount(value: number): string {
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(1)}M`;
  if (value >= 10_000) return `${Math.round(value / 1000)}k`;
  if (value >= 1000) return `${(value / 1000).toFixed(1)}k`;
  return String(value);
}

export function formatUsage(usage: Usage): string {
  const write1h = usage.cacheWrite1hTokens > 0 ? ` (1h ${formatCount(usage.cacheWrite1hTokens)})` : "";
  const thinking = usage.thinkingTokens > 0 ? ` (thinking ${formatCount(usage.thinkingTokens)})` : "";
  return `in ${formatCount(usage.inputTokens)}, cache write ${formatCount(usage.cacheWriteTokens)}${write1h}, cache read ${formatCount(usage.cacheReadTokens)}, out ${formatCount(usage.outputTokens)}${thinking}`;
}

export function formatPercent(rate: number | undefined): string {
  return rate === undefined ? "n/a" : `${(rate * 100).toFixed(1)}%`;
}

export function formatDuration(ms: number): string {
  return ms < 1000
    ? `${ms} ms`
    : ms < 60_000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
