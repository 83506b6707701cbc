import { ArcpPlanError } from "../../errors/arcp-plan-error.js";
import { requireCredentials } from "../../llm/api-key.js";
import { estimateRun } from "../../pipeline/estimate-run.js";
import { describeUnknownModels } from "../../pipeline/phase-model-call.js";
import type { PipelineFlags } from "../../pipeline/pipeline-settings.js";
import { readRunPlan } from "../../pipeline/read-run-plan.js";
import { readRunRecord } from "../../pipeline/run-record.js";
import type { CommandContext, CommandOutcome } from "../command-outcome.js";
import { preparePipeline, requireKnownPhase, type WorkspaceFlags } from "../prepare-pipeline.js";
import { chooseProgressMode, type ProgressMode } from "../progress-mode.js";
import { renderRunSummary } from "../render/render-run-summary.js";
import {
  preloadModelModule,
  startPipelineRun,
  summaryHasProblems,
  summaryLayout,
} from "../start-pipeline-run.js";

export interface PhaseOptions extends WorkspaceFlags, Omit<PipelineFlags, "concurrency" | "schedule"> {
  json?: boolean;
  progress?: ProgressMode;
}

/**
 * `arcp-plan phase <id>`: re-runs one phase against the upstream plans on disk. Its dependents become
 * stale through their keys (they hash this plan), and the output lists them.
 */
export async function phaseCommand(
  options: PhaseOptions & CommandContext,
  args: string[],
): Promise<CommandOutcome> {
  void preloadModelModule().catch(() => undefined);
  const inputs = await preparePipeline(options);
  const id = requireKnownPhase(inputs, args[0]!, "phase");
  // Decides the bundle's cache lifetime and fails early on an effort the model does not take.
  const estimate = estimateRun(inputs, [id], () => undefined);
  requireCredentials(options.env, undefined, id);
  if (inputs.settings.maxCost !== undefined && estimate.unknownModels.length > 0) {
    throw new ArcpPlanError(
      "usage",
      `--max-cost cannot be kept: ${describeUnknownModels(estimate.unknownModels)}`,
    );
  }
  const json = options.json === true;
  const progress = chooseProgressMode(options.progress, { isTTY: options.isTTY, env: options.env, json });
  for (const notice of inputs.notices) options.stderr(`arcp-plan: notice: ${notice}\n`);
  const summary = await startPipelineRun(inputs, { kind: "one", phase: id }, options, {
    json,
    progress,
    bundleCacheTtl: estimate.bundleCacheTtl,
  });
  const { record } = await readRunRecord(inputs.stateDir);
  const descendants = new Set(inputs.graph.descendants(id));
  const { plan } = await readRunPlan(inputs, record, { kind: "all", force: false });
  const stale = plan.phases
    .filter((p) => descendants.has(p.phase) && p.freshness.state !== "fresh")
    .map((p) => p.phase);
  const status = summaryHasProblems(summary) ? "problems" : "ok";
  if (options.json) {
    return { stdout: `${JSON.stringify({ type: "dependents-stale", phases: stale })}\n`, status };
  }
  const note =
    stale.length === 0
      ? "dependents: none stale\n"
      : `dependents now stale: ${stale.join(", ")} (run 'arcp-plan run' to bring them up to date)\n`;
  return { stdout: `${renderRunSummary(summary, summaryLayout(progress))}${note}`, status };
}
