import { join } from "node:path";
import { ArcpPlanError } from "../../errors/arcp-plan-error.js";
import { requireCredentials } from "../../llm/api-key.js";
import type { RunMode } from "../../pipeline/build-run-plan.js";
import { estimateRun } from "../../pipeline/estimate-run.js";
import { KEPT_FOLDER } from "../../pipeline/keep-edited-plan.js";
import type { RunInputs } from "../../pipeline/load-run-inputs.js";
import { buildPhaseGraph } from "../../pipeline/phase-graph.js";
import { describeUnknownModels } from "../../pipeline/phase-model-call.js";
import { modelForPhase, type PipelineFlags } from "../../pipeline/pipeline-settings.js";
import type { PhaseStatus } from "../../pipeline/read-phase-statuses.js";
import { readRunPlan } from "../../pipeline/read-run-plan.js";
import { renderPhaseGraphs } from "../../pipeline/render-phase-graphs.js";
import { readRunRecord } from "../../pipeline/run-record.js";
import { toViewPath } from "../../workspace/view-path.js";
import type { CommandContext, CommandOutcome } from "../command-outcome.js";
import { preparePipeline, requireKnownPhase, type WorkspaceFlags } from "../prepare-pipeline.js";
import { chooseProgressMode, type ProgressMode } from "../progress-mode.js";
import { describeSchedule } from "../render/describe-schedule.js";
import { renderDryRun } from "../render/render-dry-run.js";
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

/** A state's reasons, as a list (a fresh phase has none). */
function whyOf(freshness: PhaseStatus["freshness"]): string[] {
  if (freshness.state === "stale") return freshness.reasons;
  return freshness.state === "fresh" ? [] : [freshness.reason];
}

/** What a run runs: the bootstrap, the version it targets, where plans go and the draft they follow. */
function describeProgram(inputs: RunInputs) {
  const { current } = inputs.lint.shared.spec;
  return {
    bootstrap: { path: inputs.workspace.bootstrap.path, origin: inputs.workspace.bootstrap.origin },
    protocolVersion: inputs.workspace.protocolVersion,
    outputFolder: inputs.outViewDir,
    specDraft: { path: current.viewPath, version: current.version },
    notices: inputs.notices,
  };
}

/** The dry run's first lines: which bootstrap, version, folder and draft, and what to beware of. */
function describeProgramText(inputs: RunInputs): string {
  const program = describeProgram(inputs);
  const where = toViewPath(inputs.workspace.roots, program.bootstrap.path) ?? program.bootstrap.path;
  return [
    `Bootstrap: ${where} (${program.bootstrap.origin}) · protocol ${program.protocolVersion} · plans in ${program.outputFolder}/ · spec draft ${program.specDraft.path} (states ${program.specDraft.version})`,
    ...program.notices.map((notice) => `notice: ${notice}`),
    "",
  ].join("\n");
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
  const mode: RunMode = {
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
    const graphs = renderPhaseGraphs([
      buildPhaseGraph(inputs.phases, "table"),
      buildPhaseGraph(inputs.phases, "reads"),
    ]);
    const view = {
      graphs,
      schedule: describeSchedule(inputs.settings),
      bundle: {
        files: inputs.bundle.totals.files,
        sentTokens: inputs.bundle.totals.sentTokens,
        omitted: inputs.bundle.totals.omitted,
        budgetTokens: inputs.bundle.budgetTokens,
      },
      statuses,
      toRun,
      overwrites,
      keptDir: toViewPath(inputs.workspace.roots, join(inputs.stateDir, KEPT_FOLDER)) ?? KEPT_FOLDER,
      forced: { phases: plan.forced, by: mode.force ? "--force" : `--from ${mode.from}` },
      estimate,
      maxCost: inputs.settings.maxCost,
    };
    if (options.json) {
      const json = {
        ...describeProgram(inputs),
        phases: statuses.map((status) => ({
          phase: status.phase,
          output: `${inputs.outViewDir}/${status.output}`,
          action: toRun.includes(status.phase) ? "run" : "keep",
          state: status.freshness.state,
          why: plan.forced.has(status.phase)
            ? [
                mode.kind === "all" && mode.force
                  ? "--force"
                  : `--from ${mode.kind === "all" ? mode.from : ""}`,
              ]
            : whyOf(status.freshness),
          model: modelForPhase(inputs.settings, inputs.byId.get(status.phase)!),
        })),
        schedule: inputs.graph.kind,
        levels: inputs.graph.levels,
        toRun,
        overwrites,
        warning,
        estimate,
      };
      return { stdout: `${JSON.stringify(json, null, 2)}\n`, status: "ok" };
    }
    const header = describeProgramText(inputs);
    return {
      stdout: `${header}\n${warning ? `warning: ${warning}\n\n` : ""}${renderDryRun(view)}`,
      status: "ok",
    };
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
