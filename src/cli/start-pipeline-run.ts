import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import type { RunMode } from "../pipeline/build-run-plan.js";
import type { RunInputs } from "../pipeline/load-run-inputs.js";
import type { RunSummary } from "../pipeline/pipeline-events.js";
import { acquireRunLock } from "../pipeline/run-lock.js";
import { runPipeline } from "../pipeline/run-pipeline.js";
import { createWorkspaceTools } from "../workspace/tools/create-workspace-tools.js";
import type { CommandContext } from "./command-outcome.js";
import type { ProgressMode } from "./progress-mode.js";
import { createProgressReporter } from "./progress-reporter.js";
import { type RunSummaryLayout, renderRunSummary } from "./render/render-run-summary.js";

let modelModule: Promise<typeof import("../llm/anthropic-model.js")> | undefined;

/**
 * Starts loading the model client (the Anthropic SDK, about 1 MB of code). Not at the top of the
 * module: a dry run never loads it. `run` and `phase` call this first, so the code compiles while the
 * workspace is still being read rather than after it.
 */
export function preloadModelModule(): Promise<typeof import("../llm/anthropic-model.js")> {
  modelModule ??= import("../llm/anthropic-model.js");
  return modelModule;
}

export interface RunOutput {
  /** `--json`: events and the summary as JSON on stdout. */
  json: boolean;
  /** The progress view on stderr. */
  progress: ProgressMode;
  /** The bundle's cache lifetime, as the run's estimate chose it (`RunEstimate.bundleCacheTtl`). */
  bundleCacheTtl: "5m" | "1h";
}

/**
 * The part of `run` and `phase` that spends money: take the lock, build the model and tools, run,
 * show progress. On interruption the summary goes to stderr and the interruption is rethrown, so main
 * exits 130/143 with finished phases kept.
 */
export async function startPipelineRun(
  inputs: RunInputs,
  mode: RunMode,
  context: CommandContext,
  output: RunOutput,
): Promise<RunSummary> {
  const release = await acquireRunLock(inputs.stateDir, mode.kind === "one" ? `phase ${mode.phase}` : "run");
  try {
    const { createAnthropicModel } = await preloadModelModule();
    const modelConfig = inputs.workspace.config.model ?? {};
    const model = createAnthropicModel({
      env: context.env,
      ...(modelConfig.timeoutMs !== undefined ? { timeoutMs: modelConfig.timeoutMs } : {}),
      ...(modelConfig.maxRetries !== undefined ? { maxRetries: modelConfig.maxRetries } : {}),
      ...(modelConfig.idleTimeoutMs !== undefined ? { idleTimeoutMs: modelConfig.idleTimeoutMs } : {}),
      ...(modelConfig.streamRetries !== undefined ? { streamRetries: modelConfig.streamRetries } : {}),
      backoff: inputs.settings.streamRetryBackoff,
    });
    const tools = createWorkspaceTools(inputs.workspace.roots, {
      exclude: inputs.workspace.config.bundle?.exclude ?? [],
      secrets: inputs.secrets,
    });
    const reporter = createProgressReporter(context, {
      mode: output.progress,
      json: output.json,
      maxCost: inputs.settings.maxCost,
    });
    let summary: RunSummary;
    try {
      summary = await runPipeline({
        inputs,
        mode,
        model,
        tools,
        signal: context.signal,
        bundleCacheTtl: output.bundleCacheTtl,
        onEvent: (e) => reporter.onEvent(e),
        toolRedactions: () => tools.redactions(),
      });
    } finally {
      reporter.close();
    }
    if (summary.interrupted) {
      if (!output.json) context.stderr(renderRunSummary(summary, summaryLayout(output.progress)));
      const reason: unknown = context.signal.reason;
      throw reason instanceof ArcpPlanError ? reason : new ArcpPlanError("interrupted", "interrupted");
    }
    return summary;
  } finally {
    await release();
  }
}

/** Whether a run summary counts as "found problems" (exit 1). */
export function summaryHasProblems(summary: RunSummary): boolean {
  return summary.phases.some((phase) => phase.state !== "done" && phase.state !== "fresh");
}

/** After the live view the phase rows are on screen already; every other view gets the full table. */
export function summaryLayout(progress: ProgressMode): RunSummaryLayout {
  return { phaseTable: progress !== "live" };
}
