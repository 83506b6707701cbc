import type { RunSummary } from "../../pipeline/pipeline-events.js";
import { formatCount, formatDuration, formatPercent, formatUsage, formatUsd } from "./format-cost.js";
import { formatKeptCopy, formatRedactions } from "./format-secrets.js";
import { renderTable } from "./render-table.js";

/** The final summary of `run` / `phase`: per phase, then files, lint, tokens, cost and wall time. Pure. */
export function renderRunSummary(summary: RunSummary): string {
  const rows = summary.phases.map((p) => [
    p.phase,
    p.state,
    p.errors === undefined ? "" : `${p.errors}/${p.warnings ?? 0}`,
    p.repairRounds ? String(p.repairRounds) : "",
    p.usage ? formatCount(p.usage.inputTokens + p.usage.cacheWriteTokens + p.usage.cacheReadTokens) : "",
    p.usage ? formatCount(p.usage.outputTokens) : "",
    p.cacheReadShare === undefined ? "" : formatPercent(p.cacheReadShare),
    p.usage ? formatUsd(p.costUsd) : "",
    p.durationMs === undefined ? "" : formatDuration(p.durationMs),
    p.state === "fresh" ? (p.reason ?? "") : (p.reason ?? ""),
  ]);
  const kept = summary.phases.flatMap((p) => (p.kept ? [p.kept] : []));
  const { withheldFiles, redactions } = summary.secrets;
  const capped = summary.phases.filter((p) => p.reason?.startsWith("cost cap")).map((p) => p.phase);
  const lines = [
    renderTable(
      ["phase", "state", "lint e/w", "repairs", "tokens in", "out", "cached", "cost", "time", "note"],
      rows,
    ),
    "",
    `files written: ${summary.filesWritten.length === 0 ? "none" : summary.filesWritten.join(", ")}`,
    ...kept.map((copy) => `kept before overwriting: ${formatKeptCopy(copy)}`),
    `secrets kept out of requests: ${withheldFiles} file${withheldFiles === 1 ? "" : "s"} withheld, ${formatRedactions(redactions)} redacted`,
    `tokens: ${formatUsage(summary.usage)}`,
    `prompt cache: ${formatPercent(summary.cacheHitRate)} of prompt tokens read from cache${summary.sharedPrefixHitRate === undefined ? "" : `; shared-prefix phases ${formatPercent(summary.sharedPrefixHitRate)}`}`,
    `cost: ${formatUsd(summary.costUsd)}${summary.costIncomplete ? " (lower bound: some models have no price; add them under model.models)" : ""}`,
    ...(capped.length > 0
      ? [`cost cap: ${capped.join(", ")} skipped or stopped to stay under --max-cost`]
      : []),
    `wall time: ${formatDuration(summary.wallMs)}${summary.interrupted ? " (interrupted)" : ""}`,
  ];
  return `${lines.join("\n")}\n`;
}
