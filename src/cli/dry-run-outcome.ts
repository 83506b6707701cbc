import { join } from "node:path";
import type { RunMode, RunPlan } from "../pipeline/build-run-plan.js";
import type { RunEstimate } from "../pipeline/estimate-run.js";
import { KEPT_FOLDER } from "../pipeline/keep-edited-plan.js";
import type { RunInputs } from "../pipeline/load-run-inputs.js";
import { buildPhaseGraph } from "../pipeline/phase-graph.js";
import { modelForPhase } from "../pipeline/pipeline-settings.js";
import type { PhaseStatus } from "../pipeline/read-phase-statuses.js";
import { renderPhaseGraphs } from "../pipeline/render-phase-graphs.js";
import { toViewPath } from "../workspace/view-path.js";
import type { CommandOutcome } from "./command-outcome.js";
import { describeSchedule } from "./render/describe-schedule.js";
import { renderDryRun } from "./render/render-dry-run.js";

export interface DryRunInput {
  inputs: RunInputs;
  /** `run` plans every phase that is not fresh: never one phase. */
  mode: Extract<RunMode, { kind: "all" }>;
  plan: RunPlan;
  statuses: PhaseStatus[];
  overwrites: { phase: string; file: string; reason: string }[];
  estimate: RunEstimate;
  warning: string | undefined;
  json: boolean;
}

/** `run --dry-run`: everything but the model calls, as text or JSON; no request, nothing written. */
export function dryRunOutcome({
  inputs,
  mode,
  plan,
  statuses,
  overwrites,
  estimate,
  warning,
  json,
}: DryRunInput): CommandOutcome {
  const { toRun } = plan;
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
  if (json) {
    const document = {
      ...describeProgram(inputs),
      phases: statuses.map((status) => ({
        phase: status.phase,
        output: `${inputs.outViewDir}/${status.output}`,
        action: toRun.includes(status.phase) ? "run" : "keep",
        state: status.freshness.state,
        why: plan.forced.has(status.phase)
          ? [mode.kind === "all" && mode.force ? "--force" : `--from ${mode.kind === "all" ? mode.from : ""}`]
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
    return { stdout: `${JSON.stringify(document, null, 2)}\n`, status: "ok" };
  }
  const header = describeProgramText(inputs);
  return {
    stdout: `${header}\n${warning ? `warning: ${warning}\n\n` : ""}${renderDryRun(view)}`,
    status: "ok",
  };
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
