import type { RunEstimate } from "../../pipeline/estimate-run.js";
import { ESTIMATE_ASSUMPTIONS } from "../../pipeline/estimate-run.js";
import { describeUnknownModels } from "../../pipeline/phase-model-call.js";
import type { PhaseStatus } from "../../pipeline/read-phase-statuses.js";
import { formatCount, formatDuration, formatUsage, formatUsd } from "./format-cost.js";
import { formatPlanList } from "./render-run-summary.js";
import { describeFreshness, shareLongReasons } from "./render-status.js";
import { renderTable } from "./render-table.js";

export interface DryRunView {
  graphs: string;
  schedule: string;
  bundle: { files: number; sentTokens: number; omitted: number; budgetTokens: number };
  statuses: readonly PhaseStatus[];
  toRun: readonly string[];
  /** Plans the run would regenerate that are not what arcp-plan last wrote (a copy is kept first). */
  overwrites: readonly { phase: string; file: string; reason: string }[];
  /** Where kept copies go, as seen from the SDK checkout. */
  keptDir: string;
  /** Phases re-run whatever their state, and the flag that says so ("--force", "--from 04-architecture"). */
  forced: { phases: ReadonlySet<string>; by: string };
  estimate: RunEstimate;
  maxCost: number | undefined;
}

/** `run --dry-run`: the graph, the bundle, per-phase prompt sizes and what would run, and the estimate. Pure. */
export function renderDryRun(view: DryRunView): string {
  const byPhase = new Map(view.estimate.phases.map((e) => [e.phase, e]));
  const { cells: whys, notes } = shareLongReasons(view.statuses.map((s) => dryRunReason(view, s)));
  const rows = view.statuses.map((s, index) => {
    const e = byPhase.get(s.phase);
    return [
      s.phase,
      view.toRun.includes(s.phase) ? "run" : "keep",
      whys[index]!,
      e ? e.model : "",
      e ? formatCount(e.systemTokens + e.bundleTokens) : "",
      e ? formatCount(e.upstreamTokens) : "",
      e ? formatCount(e.instructionTokens) : "",
      e ? formatCount(e.maxTokens) : "",
      e ? formatUsd(e.costUsd) : "",
    ];
  });
  const a = ESTIMATE_ASSUMPTIONS;
  const lines = [
    `Schedule: ${view.schedule}; both are shown, and --schedule reads honours the prompts' "Read 01 + 02 + ..." lines`,
    "",
    view.graphs.trimEnd(),
    "",
    `Bundle: ${view.bundle.files} files, ~${formatCount(view.bundle.sentTokens)} tokens sent of a ${formatCount(view.bundle.budgetTokens)} budget, ${view.bundle.omitted} omitted (see 'arcp-plan bundle')`,
    "",
    renderTable(
      ["phase", "action", "why", "model", "rules+bundle", "upstream", "instructions", "max out", "est. cost"],
      rows,
    ),
    ...notes,
    "",
    view.overwrites.length === 0
      ? "Hand edits: a real run would overwrite no plan that differs from what arcp-plan wrote."
      : `Hand edits: a real run would overwrite ${describeOverwrites(view.overwrites)}; each is copied to ${view.keptDir}/<run start>/ first.`,
    "",
    `Estimated usage: ${formatUsage(view.estimate.usage)}`,
    `Estimated cost: ${formatUsd(view.estimate.costUsd)}${view.estimate.unknownModels.length > 0 ? ` (lower bound: no price for ${view.estimate.unknownModels.join(", ")})` : ""}${view.maxCost === undefined ? "" : `; --max-cost $${view.maxCost}${view.estimate.costUsd > view.maxCost ? ": a real run would refuse to start (exit 2)" : ""}`}`,
    `Expected wall time: ~${formatDuration(Math.round(view.estimate.expectedMs))}; the bundle's cache entry lives ${view.estimate.bundleCacheTtl === "1h" ? "1 hour (the run should outlast 5 minutes)" : "5 minutes"}.`,
    `Assumptions: ~${a.planTokens} output tokens per plan, ${a.toolTurns} tool turns of ~${a.toolResultTokens} tokens each, ~${a.thinkingTokensPerCall} thinking tokens per call on thinking models, ~${a.outputTokensPerSecond} output tokens/s, no repair rounds; shared prefixes written once, then read; each tool turn reads the conversation so far from the cache.`,
    ...(view.estimate.unknownModels.length > 0
      ? [`warning: ${describeUnknownModels(view.estimate.unknownModels)}`]
      : []),
    "No request was sent; no API key is needed for a dry run.",
  ];
  return `${lines.join("\n")}\n`;
}

/** Why a phase runs or is kept; a forced phase that would otherwise be kept says what it replaces. */
function dryRunReason(view: DryRunView, status: PhaseStatus): string {
  const state = status.freshness.state;
  if (!view.toRun.includes(status.phase)) return state === "untracked" ? "untracked (kept)" : "fresh";
  if (view.forced.phases.has(status.phase) && (state === "fresh" || state === "untracked")) {
    return `${view.forced.by}: replaces ${state === "untracked" ? "a plan arcp-plan did not write" : "a fresh plan"}`;
  }
  return describeFreshness(status) || state;
}

/** The plans a run would overwrite, grouped by why they differ; many with one reason are counted. */
function describeOverwrites(overwrites: DryRunView["overwrites"]): string {
  const byReason = new Map<string, string[]>();
  for (const { file, reason } of overwrites) byReason.set(reason, [...(byReason.get(reason) ?? []), file]);
  return [...byReason]
    .map(([reason, files]) =>
      files.length <= 3
        ? files.map((file) => `${file} (${reason})`).join(", ")
        : `${formatPlanList(files)} (${reason})`,
    )
    .join(", ");
}
