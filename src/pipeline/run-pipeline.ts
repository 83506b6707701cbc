import { type ArcpPlanError, isArcpPlanError } from "../errors/arcp-plan-error.js";
import type { LanguageModel } from "../llm/model.js";
import { priceUsage } from "../llm/pricing.js";
import type { ToolExecutor } from "../llm/tool-executor.js";
import { sumUsage, type Usage } from "../llm/usage.js";
import type { RedactionCounts } from "../workspace/secrets/redact-secrets.js";
import { buildPhaseKeyComponents } from "./build-phase-key-components.js";
import { toRecordUsage } from "./build-phase-record-entry.js";
import { buildPhaseRequest, cachePrefixId } from "./build-phase-request.js";
import { buildRunSummary } from "./build-run-summary.js";
import { executePhase } from "./execute-phase.js";
import { keptFolderName } from "./keep-edited-plan.js";
import { type RunInputs, readPlan } from "./load-run-inputs.js";
import { observeModelCalls } from "./observe-model-calls.js";
import { phaseFreshness } from "./phase-freshness.js";
import type { PhaseSummary, PipelineEvent, RunSummary } from "./pipeline-events.js";
import { maxTokensForPhase, modelForPhase } from "./pipeline-settings.js";
import { PlanLinter } from "./plan-linter.js";
import { PrefixWarmGate } from "./prefix-warm-gate.js";
import { readUpstreamPlans, requireUpstreamOnDisk } from "./read-upstream-plans.js";
import {
  type InterruptedAttempt,
  type KeptCopy,
  type RunRecord,
  readRunRecord,
  recordPhaseOutcome,
  writeRunRecord,
} from "./run-record.js";
import { RunRedactions } from "./run-redactions.js";
import { runSchedule } from "./run-schedule.js";
import { settlePhaseExecution } from "./settle-phase-execution.js";

/** `run` runs every phase that is not fresh (or all with `force`, or `from` and its dependents); `phase` runs one. */
export type RunMode = { kind: "all"; force: boolean; from?: string } | { kind: "one"; phase: string };

export interface RunPipelineOptions {
  inputs: RunInputs;
  mode: RunMode;
  model: LanguageModel;
  tools: ToolExecutor;
  signal: AbortSignal;
  onEvent: (event: PipelineEvent) => void;
  /** What the tools redacted so far, by kind (their executor counts it), for the run summary. */
  toolRedactions?: () => RedactionCounts;
}

/**
 * Runs the phase graph: each phase starts when its needs are done; fresh phases are kept; every phase
 * that runs goes through the agent loop, lint and repair; plans are written atomically only when a
 * phase finishes, and the run record after every phase. Never names a phase.
 */
export async function runPipeline(options: RunPipelineOptions): Promise<RunSummary> {
  const { inputs, mode, onEvent } = options;
  const started = Date.now();
  const keptFolder = keptFolderName(new Date(started));
  const { record, warning } = await readRunRecord(inputs.stateDir);
  if (warning) onEvent({ type: "warning", message: warning });

  const forced = forcedPhases(inputs, mode);
  const nodes =
    mode.kind === "one"
      ? [{ id: mode.phase, needs: [] as string[] }]
      : inputs.graph.nodes.map((node) => ({ ...node }));
  if (mode.kind === "one") await requireUpstreamOnDisk(inputs, mode.phase);

  // A 401 or a missing key fails every phase the same way: stop the run instead of a retry storm.
  const internal = new AbortController();
  const signal = AbortSignal.any([options.signal, internal.signal]);
  let fatal: ArcpPlanError | undefined;

  const linter = new PlanLinter(inputs);
  const gate = new PrefixWarmGate();
  const summaries = new Map<string, PhaseSummary>();
  const prefixUsers = new Map<string, string[]>();
  const usageByPhase = new Map<string, Usage>();
  let spentUsd = 0;
  const redactions = new RunRedactions(inputs);
  let recordWrites = Promise.resolve();
  /** Transcripts and record entries of settled phases, written while later phases run. */
  const persisting: Promise<void>[] = [];
  const saveRecord = (
    phaseId: string,
    outcome: RunRecord["phases"][string] | InterruptedAttempt,
    kept?: KeptCopy,
  ) => {
    recordPhaseOutcome(record, phaseId, outcome, inputs.graph.kind);
    if (kept) record.kept = [...(record.kept ?? []), kept];
    recordWrites = recordWrites.then(() => writeRunRecord(inputs.stateDir, record));
    return recordWrites;
  };
  const finish = (summary: PhaseSummary) => {
    summaries.set(summary.phase, summary);
    onEvent({ type: "phase-end", summary });
  };

  onEvent({
    type: "run-start",
    phases: nodes.map((n) => n.id),
    concurrency: inputs.settings.concurrency,
    schedule: inputs.graph.kind,
  });

  const runPhase = async (id: string, phaseSignal: AbortSignal): Promise<"done" | "failed"> => {
    const phase = inputs.byId.get(id)!;
    const { plans: upstream } = await readUpstreamPlans(inputs, id);
    const components = buildPhaseKeyComponents(
      inputs,
      id,
      Object.fromEntries(upstream.map((plan) => [plan.output, plan.hash])),
    );
    let why = "forced";
    if (!forced.has(id)) {
      const existing = await readPlan(inputs, phase.output);
      const freshness = phaseFreshness({
        entry: record.phases[id],
        current: components,
        outputHash: existing?.hash,
      });
      if (freshness.state === "fresh" || freshness.state === "untracked") {
        const untracked = freshness.state === "untracked";
        const editedByHand = freshness.state === "fresh" && freshness.editedByHand === true;
        onEvent({ type: "phase-fresh", phase: id, editedByHand, untracked });
        const reason = untracked ? freshness.reason : editedByHand ? "edited by hand; kept" : undefined;
        const file = `${inputs.outViewDir}/${phase.output}`;
        summaries.set(id, { phase: id, state: "fresh", file, ...(reason ? { reason } : {}) });
        return "done";
      }
      why = freshness.state === "stale" ? freshness.reasons.join("; ") : freshness.reason;
    }
    const cap = inputs.settings.maxCost;
    if (cap !== undefined && spentUsd >= cap) {
      const reason = `cost cap reached: spent $${spentUsd.toFixed(4)} of --max-cost $${cap}`;
      finish({ phase: id, state: "skipped", reason });
      return "failed";
    }

    const model = modelForPhase(inputs.settings, phase);
    onEvent({ type: "phase-start", phase: id, model, why });
    const startedAt = new Date();
    redactions.bundleSent();
    const request = buildPhaseRequest({
      phase,
      systemPrompt: inputs.system,
      bundleText: inputs.bundleText,
      upstream: redactions.redactUpstream(upstream),
      siblingsNotAvailable: inputs.graph.siblingsNotAvailable(id).map((s) => inputs.byId.get(s)!.output),
      outViewDir: inputs.outViewDir,
    });
    const prefixId = cachePrefixId(model, options.tools.definitions, request);
    prefixUsers.set(prefixId, [...(prefixUsers.get(prefixId) ?? []), id]);
    const waits = gate.mustWait(prefixId);
    if (waits)
      onEvent({ type: "phase-wait", phase: id, for: "cache", first: prefixUsers.get(prefixId)![0]! });
    const warm = await gate.enter(prefixId, phaseSignal).catch(() => undefined);
    if (waits && warm) onEvent({ type: "phase-resume", phase: id });
    if (!warm) {
      finish({
        phase: id,
        state: "aborted",
        reason: "interrupted while waiting for the shared prompt prefix to warm",
      });
      return "failed";
    }
    let turn = 0;
    const spentUsage: Usage[] = [];
    const onCall = (usage: Usage, unanswered: boolean) => {
      spentUsage.push(usage);
      const costUsd = priceUsage(usage, model, inputs.settings.prices);
      spentUsd += costUsd ?? 0;
      onEvent({
        type: "phase-call",
        phase: id,
        turn: ++turn,
        usage,
        costUsd,
        ...(unanswered ? { unanswered } : {}),
      });
    };
    const observed = observeModelCalls(
      options.model,
      (response) => onCall(response.usage, false),
      (usage) => onCall(usage, true),
      warm.open,
    );
    const execution = await executePhase({
      model: observed,
      request: {
        phaseId: id,
        model,
        maxTokens: maxTokensForPhase(inputs.settings, phase),
        system: request.system,
        onStreamEvent: (event) => {
          if (event.type === "first-event") warm.open();
        },
      },
      messages: request.messages,
      tools: options.tools,
      maxTurns: inputs.settings.maxTurns,
      maxRepairs: inputs.settings.maxRepairs,
      outputViewPath: `${inputs.outViewDir}/${phase.output}`,
      lint: (text) => linter.lint(phase.output, text),
      signal: phaseSignal,
      onToolCall: (call) =>
        onEvent({
          type: "phase-tool",
          phase: id,
          tool: call.name,
          summary: call.summary,
          isError: call.isError,
        }),
      onLint: (round) => onEvent({ type: "phase-lint", phase: id, ...round }),
    });
    warm.open();

    // From every call the model saw, not only the answers the phase kept: a failed or interrupted
    // call, or the turns of a round that failed, were billed too.
    const usage = sumUsage(spentUsage);
    usageByPhase.set(id, usage);
    const costUsd = priceUsage(usage, model, inputs.settings.prices);
    if (execution.kind === "error" && isArcpPlanError(execution.error) && execution.error.kind === "auth") {
      fatal ??= execution.error;
      internal.abort(execution.error);
    }
    const { persisted, ...settled } = await settlePhaseExecution({
      inputs,
      phase,
      model,
      components,
      system: request.system,
      execution,
      usage,
      costUsd,
      startedAt,
      interrupted: phaseSignal.aborted && options.signal.aborted && fatal === undefined,
      previous: record.phases[id],
      keptFolder,
      saveRecord: (entry, kept) => saveRecord(id, entry, kept),
    });
    if (settled.kept) onEvent({ type: "plan-kept", phase: id, kept: settled.kept });
    persisting.push(persisted);
    if (settled.state === "aborted" && Object.values(usage).some((tokens) => tokens > 0)) {
      const at = new Date().toISOString();
      persisting.push(saveRecord(id, { at, usage: toRecordUsage(usage), costUsd: costUsd ?? 0 }));
    }
    // A record or transcript that cannot be written stops the run rather than spending on phases
    // whose results could not be kept; the error itself ends the run when awaited below.
    persisted.catch((error: unknown) => internal.abort(error));
    if (execution.kind === "document") linter.recordWritten(phase.output, execution.text);
    finish({
      phase: id,
      model,
      usage,
      costUsd,
      durationMs: Date.now() - startedAt.getTime(),
      repairRounds: Math.max(0, execution.rounds.length - 1),
      ...settled,
    });
    return execution.kind === "document" ? "done" : "failed";
  };

  const result = await runSchedule({
    nodes,
    concurrency: inputs.settings.concurrency,
    signal,
    run: runPhase,
  });
  await Promise.all([recordWrites, ...persisting]);

  const phases: PhaseSummary[] = nodes.map(({ id }) => {
    const known = summaries.get(id);
    if (known) return known;
    const outcome = result.outcomes.get(id);
    const state = outcome?.state === "aborted" ? "aborted" : "skipped";
    // The scheduler only knows that its signal fired; when a fatal error, not the user, stopped the
    // run, "interrupted" would send the user looking for a Ctrl-C that never happened.
    const stoppedByFatal = fatal !== undefined && !options.signal.aborted && state === "aborted";
    const reason = stoppedByFatal
      ? `not started: the run stopped (${fatal?.kind} error)`
      : (outcome?.reason ?? (outcome?.error instanceof Error ? outcome.error.message : undefined));
    return { phase: id, state, ...(reason ? { reason } : {}) };
  });
  for (const phase of phases) if (!summaries.has(phase.phase)) onEvent({ type: "phase-end", summary: phase });
  if (fatal) throw fatal;

  const summary = buildRunSummary(
    phases,
    usageByPhase,
    prefixUsers,
    Date.now() - started,
    options.signal.aborted,
    redactions.summary(options.toolRedactions?.() ?? {}),
  );
  if (summary.usage.cacheReadTokens === 0 && [...usageByPhase.keys()].length > 1) {
    onEvent({
      type: "warning",
      message:
        "no prompt-cache reads in this run: check that the model supports caching and that the bundle is byte-stable between phases",
    });
  }
  onEvent({ type: "run-end", summary });
  return summary;
}

function forcedPhases(inputs: RunInputs, mode: RunMode): Set<string> {
  if (mode.kind === "one") return new Set([mode.phase]);
  if (mode.force) return new Set(inputs.graph.ids);
  if (mode.from) return new Set([mode.from, ...inputs.graph.descendants(mode.from)]);
  return new Set();
}
