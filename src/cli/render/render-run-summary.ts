import type { RunSummary } from "../../pipeline/pipeline-events.js";
import { formatCount, formatDuration, formatPercent, formatUsage, formatUsd } from "./format-cost.js";
import { formatKeptCopy, formatRedactions } from "./format-secrets.js";
import { renderTable } from "./render-table.js";

export interface RunSummaryLayout {
  /**
   * Whether to list every phase. After the live view its last frame is still on screen with a row per
   * phase, so only the phases that need attention are named, with the reason the table has no room for.
   */
  phaseTable: boolean;
}

/** The final summary of `run` / `phase`: per phase, then files, lint, tokens, cost and wall time. Pure. */
export function renderRunSummary(
  summary: RunSummary,
  layout: RunSummaryLayout = { phaseTable: true },
): string {
  const kept = summary.phases.flatMap((p) => (p.kept ? [p.kept] : []));
  const { withheldFiles, redactions } = summary.secrets;
  const capped = summary.phases.filter((p) => p.reason?.startsWith("cost cap")).map((p) => p.phase);
  const lines = [
    ...(layout.phaseTable ? [renderPhaseTable(summary), ""] : renderAttention(summary)),
    `files written: ${formatPlanList(summary.filesWritten)}`,
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

/** Phases that did not end done or fresh, one line each with the reason; nothing when all went well. */
function renderAttention(summary: RunSummary): string[] {
  const attention = summary.phases.filter((p) => p.state !== "done" && p.state !== "fresh");
  if (attention.length === 0) return [];
  return [...attention.map((p) => `${p.phase}: ${p.state}${p.reason ? `, ${p.reason}` : ""}`), ""];
}

function renderPhaseTable(summary: RunSummary): string {
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
    p.reason ?? "",
  ]);
  return renderTable(
    ["phase", "state", "lint e/w", "repairs", "tokens in", "out", "cached", "cost", "time", "note"],
    rows,
  );
}

/** "none", the paths when there are a few, else how many and where: a full run writes ten long paths. */
export function formatPlanList(files: readonly string[]): string {
  if (files.length === 0) return "none";
  if (files.length <= 3) return files.join(", ");
  const folders = new Set(files.map((file) => file.slice(0, file.lastIndexOf("/") + 1)));
  const names = files.map((file) => file.slice(file.lastIndexOf("/") + 1));
  return folders.size === 1
    ? `${files.length} plans in ${[...folders][0]} (${names[0]} … ${names.at(-1)})`
    : `${files.length} plans (${files[0]} … ${files.at(-1)})`;
}
