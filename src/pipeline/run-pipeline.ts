import type { ArcpPlanError } from "../errors/arcp-plan-error.js";
import type { LanguageModel } from "../llm/model.js";
import type { ToolExecutor } from "../llm/tool-executor.js";
import type { RedactionCounts } from "../workspace/secrets/redact-secrets.js";
import { forcedPhases, type RunMode } from "./build-run-plan.js";
import { buildRunSummary } from "./build-run-summary.js";
import { CostCap } from "./cost-cap.js";
import { keptFolderName } from "./keep-edited-plan.js";
import type { RunInputs } from "./load-run-inputs.js";
import type { PhaseRunContext } from "./phase-run-context.js";
import type { PhaseSummary, PipelineEvent, RunSummary } from "./pipeline-events.js";
import { PlanLinter } from "./plan-linter.js";
import { PrefixWarmGate } from "./prefix-warm-gate.js";
import { requireUpstreamOnDisk } from "./read-upstream-plans.js";
import { runPipelinePhase } from "./run-pipeline-phase.js";
import { readRunRecord, recordPhaseOutcome, writeRunRecord } from "./run-record.js";
import { RunRedactions } from "./run-redactions.js";
import { runSchedule } from "./run-schedule.js";

export interface RunPipelineOptions {
  inputs: RunInputs;
  mode: RunMode;
  model: LanguageModel;
  tools: ToolExecutor;
  signal: AbortSignal;
  onEvent: (event: PipelineEvent) => void;
  /** The bundle's cache lifetime, as the run's estimate chose it (`RunEstimate.bundleCacheTtl`). */
  bundleCacheTtl?: "5m" | "1h";
  /** What the tools redacted so far, by kind (their executor counts it), for the run summary. */
  toolRedactions?: () => RedactionCounts;
}

/**
 * Runs the phase graph: each phase starts when its needs are done and the cost cap lets its first
 * call go; fresh phases are kept; every phase that runs goes through the agent loop, lint and repair;
 * plans are written atomically only when a phase finishes, and the run record after every phase.
 * Never names a phase.
 */
export async function runPipeline(options: RunPipelineOptions): Promise<RunSummary> {
  const { inputs, mode, onEvent } = options;
  const started = Date.now();
  const { record, warning } = await readRunRecord(inputs.stateDir);
  if (warning) onEvent({ type: "warning", message: warning });

  const nodes =
    mode.kind === "one"
      ? [{ id: mode.phase, needs: [] as string[] }]
      : inputs.graph.nodes.map((node) => ({ ...node }));
  if (mode.kind === "one") await requireUpstreamOnDisk(inputs, mode.phase);

  const internal = new AbortController();
  const signal = AbortSignal.any([options.signal, internal.signal]);
  let fatal: ArcpPlanError | undefined;
  const summaries = new Map<string, PhaseSummary>();
  let recordWrites = Promise.resolve();
  const ctx: PhaseRunContext = {
    inputs,
    model: options.model,
    tools: options.tools,
    record,
    forced: forcedPhases(inputs.graph, mode),
    linter: new PlanLinter(inputs),
    gate: new PrefixWarmGate(),
    costCap: new CostCap(inputs.settings.maxCost),
    bundleCacheTtl: options.bundleCacheTtl ?? "5m",
    onEvent,
    capped: new Set(),
    prefixUsers: new Map(),
    usageByPhase: new Map(),
    warnedModels: new Set(),
    /** Transcripts and record entries of settled phases, written while later phases run. */
    persisting: [],
    keptFolder: keptFolderName(new Date(started)),
    redactions: new RunRedactions(inputs),
    finish: (summary) => {
      summaries.set(summary.phase, summary);
      onEvent({ type: "phase-end", summary });
    },
    saveRecord: (phaseId, outcome, kept) => {
      recordPhaseOutcome(record, phaseId, outcome, inputs.graph.kind);
      if (kept) record.kept = [...(record.kept ?? []), kept];
      recordWrites = recordWrites.then(() => writeRunRecord(inputs.stateDir, record));
      return recordWrites;
    },
    stopForAuth: (error) => {
      fatal ??= error;
      internal.abort(error);
    },
    abortRun: (error) => internal.abort(error),
    interruptedByUser: () => options.signal.aborted && fatal === undefined,
  };

  onEvent({
    type: "run-start",
    phases: nodes.map((n) => n.id),
    concurrency: inputs.settings.concurrency,
    schedule: inputs.graph.kind,
  });
  const result = await runSchedule({
    nodes,
    concurrency: inputs.settings.concurrency,
    signal,
    run: (id, phaseSignal) => runPipelinePhase(ctx, id, phaseSignal),
  });
  await Promise.all([recordWrites, ...ctx.persisting]);

  const phases: PhaseSummary[] = nodes.map(({ id }) => {
    const known = summaries.get(id);
    if (known) return known;
    const outcome = result.outcomes.get(id);
    const state = outcome?.state === "aborted" ? "aborted" : "skipped";
    // The scheduler only knows that its signal fired; when a fatal error, not the user, stopped the
    // run, "interrupted" would send the user looking for a Ctrl-C that never happened. Likewise a
    // phase behind one the cost cap stopped was skipped for the cap, not for a failure upstream.
    const stoppedByFatal = fatal !== undefined && !options.signal.aborted && state === "aborted";
    const behindCap = state === "skipped" && outcome?.cause !== undefined && ctx.capped.has(outcome.cause);
    const reason = stoppedByFatal
      ? `not started: the run stopped (${fatal?.kind} error)`
      : behindCap
        ? `cost cap: not started, needs ${outcome?.cause}, which the cost cap skipped or stopped`
        : (outcome?.reason ?? (outcome?.error instanceof Error ? outcome.error.message : undefined));
    return { phase: id, state, ...(reason ? { reason } : {}) };
  });
  for (const phase of phases) if (!summaries.has(phase.phase)) onEvent({ type: "phase-end", summary: phase });
  if (fatal) throw fatal;

  const summary = buildRunSummary(
    phases,
    ctx.usageByPhase,
    ctx.prefixUsers,
    Date.now() - started,
    options.signal.aborted,
    ctx.redactions.summary(options.toolRedactions?.() ?? {}),
  );
  if (summary.usage.cacheReadTokens === 0 && [...ctx.usageByPhase.keys()].length > 1) {
    onEvent({
      type: "warning",
      message:
        "no prompt-cache reads in this run: check that the model supports caching and that the bundle is byte-stable between phases",
    });
  }
  onEvent({ type: "run-end", summary });
  return summary;
}
