import { ArcpPlanError } from "../../errors/arcp-plan-error.js";
import { requireCredentials } from "../../llm/api-key.js";
import type { RunMode } from "../../pipeline/build-run-plan.js";
import { estimateRun } from "../../pipeline/estimate-run.js";
import { describeUnknownModels } from "../../pipeline/phase-model-call.js";
import type { PipelineFlags } from "../../pipeline/pipeline-settings.js";
import { readRunPlan } from "../../pipeline/read-run-plan.js";
import { readRunRecord } from "../../pipeline/run-record.js";
import type { CommandContext, CommandOutcome } from "../command-outcome.js";
import { dryRunOutcome } from "../dry-run-outcome.js";
import { preparePipeline, requireKnownPhase, type WorkspaceFlags } from "../prepare-pipeline.js";
import { chooseProgressMode, type ProgressMode } from "../progress-mode.js";
import { describeSchedule } from "../render/describe-schedule.js";
import { renderRunSummary } from "../render/render-run-summary.js";
import {
  preloadModelModule,
  startPipelineRun,
  summaryHasProblems,
  summaryLayout,
} from "../start-pipeline-run.js";

export interface RunOptions extends WorkspaceFlags, PipelineFlags {
  dryRun?: boolean;
  force?: boolean;
  from?: string;
  json?: boolean;
  progress?: ProgressMode;
}

/** `arcp-plan run`: every phase that is not fresh, in dependency order; `--dry-run` stops before any call. */
export async function runCommand(options: RunOptions & CommandContext): Promise<CommandOutcome> {
  if (options.force && options.from) {
    throw new ArcpPlanError("usage", "--force and --from cannot be combined", {
      hint: "--force re-runs every phase; --from <id> re-runs that phase and everything after it",
    });
  }
  if (!options.dryRun) void preloadModelModule().catch(() => undefined);
  const inputs = await preparePipeline(options);
  const from = options.from ? requireKnownPhase(inputs, options.from, "--from") : undefined;
  const mode: Extract<RunMode, { kind: "all" }> = {
    kind: "all",
    force: options.force === true,
    ...(from ? { from } : {}),
  };

  const { record, warning } = await readRunRecord(inputs.stateDir);
  const { plan, statuses } = await readRunPlan(inputs, record, mode);
  const { toRun } = plan;
  const planTokens = new Map(statuses.map((s) => [s.output, s.planTokens]));
  // Plans a real run would regenerate although they are not what arcp-plan last wrote.
  const overwrites = statuses
    .filter((s) => s.handEdit !== undefined && toRun.includes(s.phase))
    .map((s) => ({ phase: s.phase, file: `${inputs.outViewDir}/${s.output}`, reason: s.handEdit! }));
  const estimate = estimateRun(inputs, toRun, (output) => planTokens.get(output));

  if (options.dryRun) {
    return dryRunOutcome({
      inputs,
      mode,
      plan,
      statuses,
      overwrites,
      estimate,
      warning,
      json: options.json === true,
    });
  }

  // Fail before taking the lock or writing anything: a run with phases to do needs a key. A run with
  // nothing to do (all fresh) does not, so the presence check is here rather than at start-up.
  if (toRun.length > 0) requireCredentials(options.env, undefined, toRun[0]!);
  const cap = inputs.settings.maxCost;
  if (cap !== undefined && toRun.length > 0) {
    if (estimate.unknownModels.length > 0) {
      throw new ArcpPlanError(
        "usage",
        `--max-cost cannot be kept: ${describeUnknownModels(estimate.unknownModels)}`,
      );
    }
    if (estimate.costUsd > cap) {
      throw new ArcpPlanError(
        "usage",
        `the estimated cost $${estimate.costUsd.toFixed(4)} of ${toRun.length} phase(s) exceeds --max-cost $${cap}`,
        {
          hint: "raise --max-cost, run fewer phases ('arcp-plan phase <id>'), or see 'arcp-plan run --dry-run'",
        },
      );
    }
  }
  const json = options.json === true;
  const progress = chooseProgressMode(options.progress, { isTTY: options.isTTY, env: options.env, json });
  if (toRun.length > 0) for (const notice of inputs.notices) options.stderr(`arcp-plan: notice: ${notice}\n`);
  if (inputs.settings.scheduleFrom === "last run" && progress !== "none" && progress !== "json") {
    options.stderr(`schedule: ${describeSchedule(inputs.settings)}\n`);
  }
  const summary = await startPipelineRun(inputs, mode, options, {
    json,
    progress,
    bundleCacheTtl: estimate.bundleCacheTtl,
  });
  return {
    stdout: json ? "" : renderRunSummary(summary, summaryLayout(progress)),
    status: summaryHasProblems(summary) ? "problems" : "ok",
  };
}
