import type { RunEstimate } from "../../pipeline/estimate-run.js";
import { ESTIMATE_ASSUMPTIONS } from "../../pipeline/estimate-run.js";
import { describeUnknownModels } from "../../pipeline/phase-model-call.js";
import type { PhaseStatus } from "../../pipeline/read-phase-statuses.js";
import { formatCount, formatDuration, formatUsage, formatUsd } from "./format-cost.js";
import { describeFreshness } from "./render-status.js";
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
  estimate: RunEstimate;
  maxCost: number | undefined;
}

/** `run --dry-run`: the graph, the bundle, per-phase prompt sizes and what would run, and the estimate. Pure. */
export function renderDryRun(view: DryRunView): string {
  const byPhase = new Map(view.estimate.phases.map((e) => [e.phase, e]));
  const rows = view.statuses.map((s) => {
    const e = byPhase.get(s.phase);
    const runs = view.toRun.includes(s.phase);
    return [
      s.phase,
      runs ? "run" : "keep",
      runs
        ? describeFreshness(s) || s.freshness.state
        : s.freshness.state === "untracked"
          ? "untracked (kept)"
          : "fresh",
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
    `Schedule: ${view.schedule} (both shown; --schedule reads honours the prompts' "Read 01 + 02 + ..." lines)`,
    "",
    view.graphs.trimEnd(),
    "",
    `Bundle: ${view.bundle.files} files, ~${formatCount(view.bundle.sentTokens)} tokens sent of a ${formatCount(view.bundle.budgetTokens)} budget, ${view.bundle.omitted} omitted (see 'arcp-plan bundle')`,
    "",
    renderTable(
      ["phase", "action", "why", "model", "rules+bundle", "upstream", "instructions", "max out", "est. cost"],
      rows,
    ),
    "",
    view.overwrites.length === 0
      ? "Hand edits: a real run would overwrite no plan that differs from what arcp-plan wrote."
      : `Hand edits: a real run would overwrite ${view.overwrites.map((o) => `${o.file} (${o.reason})`).join(", ")}; each is copied to ${view.keptDir}/<run start>/ first.`,
    "",
    `Estimated usage: ${formatUsage(view.estimate.usage)}`,
    `Estimated cost: ${formatUsd(view.estimate.costUsd)}${view.estimate.unknownModels.length > 0 ? ` (lower bound: no price for ${view.estimate.unknownModels.join(", ")})` : ""}${view.maxCost === undefined ? "" : `; --max-cost $${view.maxCost}`}`,
    `Expected wall time: ~${formatDuration(Math.round(view.estimate.expectedMs))}; the bundle's cache entry lives ${view.estimate.bundleCacheTtl === "1h" ? "1 hour (the run should outlast 5 minutes)" : "5 minutes"}.`,
    `Assumptions: ~${a.planTokens} output tokens per plan, ${a.toolTurns} tool turns of ~${a.toolResultTokens} tokens each, ~${a.thinkingTokensPerCall} thinking tokens per call on thinking models, ~${a.outputTokensPerSecond} output tokens/s, no repair rounds; shared prefixes written once, then read; each tool turn reads the conversation so far from the cache.`,
    ...(view.estimate.unknownModels.length > 0
      ? [`warning: ${describeUnknownModels(view.estimate.unknownModels)}`]
      : []),
    "No request was sent; no API key is needed for a dry run.",
  ];
  return `${lines.join("\n")}\n`;
}
