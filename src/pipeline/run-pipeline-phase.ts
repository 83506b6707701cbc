import { type ArcpPlanError, isArcpPlanError } from "../errors/arcp-plan-error.js";
import { buildMessagesRequest } from "../llm/build-messages-request.js";
import { worstCaseUsage } from "../llm/measure-prompt.js";
import type { LanguageModel, ModelRequest } from "../llm/model.js";
import { priceUsageAt } from "../llm/pricing.js";
import type { ToolExecutor } from "../llm/tool-executor.js";
import { cacheHitRate, sumUsage, type Usage } from "../llm/usage.js";
import { buildPhaseKeyComponents } from "./build-phase-key-components.js";
import { buildPhaseRequest, cachePrefixId } from "./build-phase-request.js";
import { type CapReservation, type CostCap, CostCapRefusal } from "./cost-cap.js";
import { executePhase } from "./execute-phase.js";
import { type RunInputs, readPlan } from "./load-run-inputs.js";
import { observeModelCalls } from "./observe-model-calls.js";
import { phaseFreshness } from "./phase-freshness.js";
import { describeUnknownModels, phaseModelCall } from "./phase-model-call.js";
import type { PhaseSummary, PipelineEvent } from "./pipeline-events.js";
import type { PlanLinter } from "./plan-linter.js";
import type { PrefixWarmGate } from "./prefix-warm-gate.js";
import { readUpstreamPlans } from "./read-upstream-plans.js";
import type { RunRecord } from "./run-record.js";
import { settlePhaseExecution } from "./settle-phase-execution.js";

/** What every phase of one run shares: inputs, services, and the run's bookkeeping. */
export interface PhaseRunContext {
  inputs: RunInputs;
  model: LanguageModel;
  tools: ToolExecutor;
  record: RunRecord;
  forced: ReadonlySet<string>;
  linter: PlanLinter;
  gate: PrefixWarmGate;
  costCap: CostCap;
  bundleCacheTtl: "5m" | "1h";
  onEvent: (event: PipelineEvent) => void;
  /** Phases the cost cap skipped or stopped: their dependents are reported as skipped for the cap. */
  capped: Set<string>;
  prefixUsers: Map<string, string[]>;
  usageByPhase: Map<string, Usage>;
  /** Unknown models already warned about. */
  warnedModels: Set<string>;
  persisting: Promise<void>[];
  finish: (summary: PhaseSummary) => void;
  saveRecord: (phaseId: string, entry: RunRecord["phases"][string]) => Promise<void>;
  /** A rejected key fails every phase the same way: stop the run instead of a retry storm. */
  stopForAuth: (error: ArcpPlanError) => void;
  /** Stops starting phases (a record or transcript that could not be written). */
  abortRun: (error: unknown) => void;
  /** Whether the user (not a fatal error) stopped the run. */
  interruptedByUser: () => boolean;
}

/**
 * One node of the schedule: keep the phase when it is fresh; otherwise wait for the cost cap to let
 * its first call start, run it (agent loop, lint, repairs) and put the result on disk. Never names a
 * phase.
 */
export async function runPipelinePhase(
  ctx: PhaseRunContext,
  id: string,
  phaseSignal: AbortSignal,
): Promise<"done" | "failed"> {
  const { inputs, onEvent } = ctx;
  const phase = inputs.byId.get(id)!;
  const { plans: upstream } = await readUpstreamPlans(inputs, id);
  const components = buildPhaseKeyComponents(
    inputs,
    id,
    Object.fromEntries(upstream.map((plan) => [plan.output, plan.hash])),
  );
  let why = "forced";
  if (!ctx.forced.has(id)) {
    const existing = await readPlan(inputs, phase.output);
    const freshness = phaseFreshness({
      entry: ctx.record.phases[id],
      current: components,
      outputHash: existing?.hash,
    });
    if (freshness.state === "fresh" || freshness.state === "untracked") {
      const untracked = freshness.state === "untracked";
      const editedByHand = freshness.state === "fresh" && freshness.editedByHand === true;
      onEvent({ type: "phase-fresh", phase: id, editedByHand, untracked });
      const reason = untracked ? freshness.reason : editedByHand ? "edited by hand; kept" : undefined;
      const file = `${inputs.outViewDir}/${phase.output}`;
      ctx.finish({ phase: id, state: "fresh", file, ...(reason ? { reason } : {}) });
      return "done";
    }
    why = freshness.state === "stale" ? freshness.reasons.join("; ") : freshness.reason;
  }

  const call = phaseModelCall(inputs.settings, phase);
  if (!call.spec && !ctx.warnedModels.has(call.model)) {
    ctx.warnedModels.add(call.model);
    onEvent({ type: "warning", message: describeUnknownModels([call.model]) });
  }
  const request = buildPhaseRequest({
    phase,
    systemPrompt: inputs.system,
    bundleText: inputs.bundleText,
    upstream,
    siblingsNotAvailable: inputs.graph.siblingsNotAvailable(id).map((s) => inputs.byId.get(s)!.output),
    outViewDir: inputs.outViewDir,
    bundleCacheTtl: ctx.bundleCacheTtl,
  });
  const priceOf = (usage: Usage) => (call.spec ? priceUsageAt(usage, call.spec.prices) : undefined);
  const worstOf = (req: ModelRequest) => priceOf(worstCaseUsage(buildMessagesRequest(req)));
  const onHeld = (reason: string) => onEvent({ type: "phase-held", phase: id, reason });
  const warm = { open: () => {} };
  const baseRequest: Omit<ModelRequest, "messages" | "tools" | "signal"> = {
    phaseId: id,
    model: call.model,
    maxTokens: call.maxTokens,
    system: request.system,
    cacheConversation: inputs.settings.cacheConversation,
    ...(call.thinking ? { thinking: call.thinking } : {}),
    ...(call.effort ? { effort: call.effort } : {}),
    ...(call.contextWindow !== undefined ? { contextWindow: call.contextWindow } : {}),
    onStreamEvent: (event) => {
      if (event.type === "first-event") warm.open();
    },
  };

  // The first call is admitted before the phase counts as started, so a phase the cap cannot afford
  // is reported skipped, not started and failed.
  let first: CapReservation | undefined;
  try {
    const firstRequest = { ...baseRequest, messages: request.messages, tools: ctx.tools.definitions };
    first = await ctx.costCap.admit(worstOf(firstRequest), "first", phaseSignal, onHeld);
  } catch (error) {
    if (!(error instanceof CostCapRefusal)) {
      ctx.finish({ phase: id, state: "aborted", reason: "interrupted while waiting for the cost cap" });
      return "failed";
    }
    ctx.capped.add(id);
    ctx.finish({ phase: id, state: "skipped", reason: error.message });
    return "failed";
  }

  onEvent({ type: "phase-start", phase: id, model: call.model, why });
  const startedAt = new Date();
  const prefixId = cachePrefixId(call.model, ctx.tools.definitions, request);
  ctx.prefixUsers.set(prefixId, [...(ctx.prefixUsers.get(prefixId) ?? []), id]);
  const entered = await ctx.gate.enter(prefixId, phaseSignal).catch(() => undefined);
  if (!entered) {
    first.settle(0);
    ctx.finish({
      phase: id,
      state: "aborted",
      reason: "interrupted while waiting for the shared prompt prefix to warm",
    });
    return "failed";
  }
  warm.open = entered.open;

  let turn = 0;
  const spentUsage: Usage[] = [];
  const onCall = (usage: Usage, unanswered: boolean) => {
    spentUsage.push(usage);
    const costUsd = priceOf(usage);
    onEvent({
      type: "phase-call",
      phase: id,
      turn: ++turn,
      usage,
      costUsd,
      ...(unanswered ? { unanswered } : {}),
    });
  };
  const observed = observeModelCalls(ctx.model, {
    admit: async (req) => {
      const reserved = first;
      first = undefined;
      return reserved ?? ctx.costCap.admit(worstOf(req), "follow-up", phaseSignal, onHeld);
    },
    price: priceOf,
    onResponse: (response) => onCall(response.usage, false),
    onUnanswered: (usage) => onCall(usage, true),
    onSettled: () => warm.open(),
  });
  const execution = await executePhase({
    model: observed,
    request: baseRequest,
    messages: request.messages,
    tools: ctx.tools,
    maxTurns: inputs.settings.maxTurns,
    maxRepairs: inputs.settings.maxRepairs,
    outputViewPath: `${inputs.outViewDir}/${phase.output}`,
    lint: (text) => ctx.linter.lint(phase.output, text),
    signal: phaseSignal,
    onToolCall: (c) =>
      onEvent({ type: "phase-tool", phase: id, tool: c.name, summary: c.summary, isError: c.isError }),
    onLint: (round) => onEvent({ type: "phase-lint", phase: id, ...round }),
  });
  warm.open();
  first?.settle(0);

  // From every call the model saw, not only the answers the phase kept: a failed or interrupted
  // call, or the turns of a round that failed, were billed too.
  const usage = sumUsage(spentUsage);
  ctx.usageByPhase.set(id, usage);
  const costUsd = priceOf(usage);
  if (execution.kind === "error" && isArcpPlanError(execution.error) && execution.error.kind === "auth") {
    ctx.stopForAuth(execution.error);
  }
  if (execution.kind === "error" && execution.error instanceof CostCapRefusal) ctx.capped.add(id);
  const { persisted, ...settled } = await settlePhaseExecution({
    inputs,
    phase,
    model: call.model,
    components,
    system: request.system,
    execution,
    usage,
    costUsd,
    startedAt,
    interrupted: phaseSignal.aborted && ctx.interruptedByUser(),
    saveRecord: (entry) => ctx.saveRecord(id, entry),
  });
  ctx.persisting.push(persisted);
  // A record or transcript that cannot be written stops the run rather than spending on phases
  // whose results could not be kept; the error itself ends the run when awaited.
  persisted.catch((error: unknown) => ctx.abortRun(error));
  if (execution.kind === "document") ctx.linter.recordWritten(phase.output, execution.text);
  const share = cacheHitRate(usage);
  ctx.finish({
    phase: id,
    model: call.model,
    usage,
    costUsd,
    ...(share !== undefined ? { cacheReadShare: share } : {}),
    durationMs: Date.now() - startedAt.getTime(),
    repairRounds: Math.max(0, execution.rounds.length - 1),
    ...settled,
  });
  return execution.kind === "document" ? "done" : "failed";
}
