import { isArcpPlanError } from "../errors/arcp-plan-error.js";
import { cacheHitRate, sumUsage, type Usage } from "../llm/usage.js";
import { buildPhaseKeyComponents } from "./build-phase-key-components.js";
import { toRecordUsage } from "./build-phase-record-entry.js";
import { cachePrefixId } from "./build-phase-request.js";
import { type CapReservation, CostCapRefusal } from "./cost-cap.js";
import { executePhase, type PhaseExecution } from "./execute-phase.js";
import { readPlan } from "./load-run-inputs.js";
import { observeModelCalls } from "./observe-model-calls.js";
import type { PhaseDefinition } from "./phase-definition.js";
import { phaseFreshness } from "./phase-freshness.js";
import type { PhaseKeyComponents } from "./phase-key.js";
import type { PhaseRunContext } from "./phase-run-context.js";
import { type PreparedCall, prepareCall } from "./prepare-call.js";
import { readUpstreamPlans } from "./read-upstream-plans.js";
import { settlePhaseExecution } from "./settle-phase-execution.js";

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
  const phase = ctx.inputs.byId.get(id)!;
  const { plans: upstream } = await readUpstreamPlans(ctx.inputs, id);
  const components = buildPhaseKeyComponents(
    ctx.inputs,
    id,
    Object.fromEntries(upstream.map((plan) => [plan.output, plan.hash])),
  );
  const why = ctx.forced.has(id) ? "forced" : await whyRun(ctx, phase, components);
  if (why === undefined) return "done";

  const call = prepareCall(ctx, phase, upstream);
  // The first call is admitted before the phase counts as started, so a phase the cap cannot afford
  // is reported skipped, not started and failed.
  let first: CapReservation | undefined = await admitFirstCall(ctx, call, phaseSignal);
  if (first === undefined) return "failed";
  ctx.onEvent({ type: "phase-start", phase: id, model: call.model.model, why });
  ctx.redactions.bundleSent();
  const startedAt = new Date();
  const entered = await enterWarmGate(ctx, call, phaseSignal);
  if (!entered) {
    first.settle(0);
    ctx.finish({
      phase: id,
      state: "aborted",
      reason: "interrupted while waiting for the shared prompt prefix to warm",
    });
    return "failed";
  }
  call.warm.open = entered.open;

  const spentUsage: Usage[] = [];
  const observed = observeModelCalls(ctx.model, {
    admit: async (req) => {
      const reserved = first;
      first = undefined;
      return reserved ?? ctx.costCap.admit(call.worstOf(req), "follow-up", phaseSignal, call.onHeld);
    },
    price: call.priceOf,
    onResponse: (response) => reportCall(ctx, call, spentUsage, response.usage, false),
    onUnanswered: (usage) => reportCall(ctx, call, spentUsage, usage, true),
    onSettled: () => call.warm.open(),
  });
  const execution = await executePhase({
    model: observed,
    request: call.base,
    messages: call.request.messages,
    tools: ctx.tools,
    maxTurns: ctx.inputs.settings.maxTurns,
    maxRepairs: ctx.inputs.settings.maxRepairs,
    outputViewPath: `${ctx.inputs.outViewDir}/${phase.output}`,
    lint: (text) => ctx.linter.lint(phase.output, text),
    signal: phaseSignal,
    onToolCall: (c) =>
      ctx.onEvent({ type: "phase-tool", phase: id, tool: c.name, summary: c.summary, isError: c.isError }),
    onLint: (round) => ctx.onEvent({ type: "phase-lint", phase: id, ...round }),
  });
  call.warm.open();
  first?.settle(0);
  // From every call the model saw, not only the answers the phase kept: a failed or interrupted
  // call, or the turns of a round that failed, were billed too.
  return finishPhase(ctx, {
    phase,
    call,
    components,
    execution,
    usage: sumUsage(spentUsage),
    startedAt,
    phaseSignal,
  });
}

/**
 * Waits, when another phase sends the same prompt prefix first, until that phase's response has begun
 * streaming and the prefix can be read from the cache; reports the wait (`phase-wait`, `phase-resume`).
 * Undefined when the phase was interrupted while waiting.
 */
async function enterWarmGate(
  ctx: PhaseRunContext,
  call: PreparedCall,
  signal: AbortSignal,
): Promise<{ open: () => void } | undefined> {
  const id = call.phaseId;
  const prefixId = cachePrefixId(call.model.model, ctx.tools.definitions, call.request);
  const users = [...(ctx.prefixUsers.get(prefixId) ?? []), id];
  ctx.prefixUsers.set(prefixId, users);
  const waits = ctx.gate.mustWait(prefixId);
  if (waits) ctx.onEvent({ type: "phase-wait", phase: id, for: "cache", first: users[0]! });
  const entered = await ctx.gate.enter(prefixId, signal).catch(() => undefined);
  if (waits && entered) ctx.onEvent({ type: "phase-resume", phase: id });
  return entered;
}

/** Why a phase that is not forced must run, or undefined when it is fresh (or untracked) and is kept. */
async function whyRun(
  ctx: PhaseRunContext,
  phase: PhaseDefinition,
  components: PhaseKeyComponents,
): Promise<string | undefined> {
  const existing = await readPlan(ctx.inputs, phase.output);
  const freshness = phaseFreshness({
    entry: ctx.record.phases[phase.id],
    current: components,
    outputHash: existing?.hash,
    promptSource: phase.promptSource,
  });
  if (freshness.state === "stale") return freshness.reasons.join("; ");
  if (freshness.state !== "fresh" && freshness.state !== "untracked") return freshness.reason;
  const untracked = freshness.state === "untracked";
  const editedByHand = freshness.state === "fresh" && freshness.editedByHand === true;
  ctx.onEvent({ type: "phase-fresh", phase: phase.id, editedByHand, untracked });
  const reason = untracked ? freshness.reason : editedByHand ? "edited by hand; kept" : undefined;
  const file = `${ctx.inputs.outViewDir}/${phase.output}`;
  ctx.finish({ phase: phase.id, state: "fresh", file, ...(reason ? { reason } : {}) });
  return undefined;
}

/** Waits for the cost cap to let the first call go; records the phase skipped (or aborted) when it will not. */
async function admitFirstCall(
  ctx: PhaseRunContext,
  call: PreparedCall,
  signal: AbortSignal,
): Promise<CapReservation | undefined> {
  const request = { ...call.base, messages: call.request.messages, tools: ctx.tools.definitions };
  try {
    return await ctx.costCap.admit(call.worstOf(request), "first", signal, call.onHeld);
  } catch (error) {
    if (error instanceof CostCapRefusal) {
      ctx.capped.add(call.phaseId);
      ctx.finish({ phase: call.phaseId, state: "skipped", reason: error.message });
    } else {
      ctx.finish({
        phase: call.phaseId,
        state: "aborted",
        reason: "interrupted while waiting for the cost cap",
      });
    }
    return undefined;
  }
}

function reportCall(
  ctx: PhaseRunContext,
  call: PreparedCall,
  spent: Usage[],
  usage: Usage,
  unanswered: boolean,
): void {
  spent.push(usage);
  ctx.onEvent({
    type: "phase-call",
    phase: call.phaseId,
    turn: spent.length,
    usage,
    costUsd: call.priceOf(usage),
    ...(unanswered ? { unanswered } : {}),
  });
}

interface FinishedPhase {
  phase: PhaseDefinition;
  call: PreparedCall;
  components: PhaseKeyComponents;
  execution: PhaseExecution;
  usage: Usage;
  startedAt: Date;
  phaseSignal: AbortSignal;
}

/** Puts the phase's outcome on disk and in the run's bookkeeping, and reports it. */
async function finishPhase(ctx: PhaseRunContext, done: FinishedPhase): Promise<"done" | "failed"> {
  const { phase, execution, usage } = done;
  const id = phase.id;
  ctx.usageByPhase.set(id, usage);
  const costUsd = done.call.priceOf(usage);
  if (execution.kind === "error" && isArcpPlanError(execution.error) && execution.error.kind === "auth") {
    ctx.stopForAuth(execution.error);
  }
  if (execution.kind === "error" && execution.error instanceof CostCapRefusal) ctx.capped.add(id);
  const { persisted, ...settled } = await settlePhaseExecution({
    inputs: ctx.inputs,
    phase,
    model: done.call.model.model,
    components: done.components,
    system: done.call.request.system,
    execution,
    usage,
    costUsd,
    startedAt: done.startedAt,
    interrupted: done.phaseSignal.aborted && ctx.interruptedByUser(),
    previous: ctx.record.phases[id],
    keptFolder: ctx.keptFolder,
    saveRecord: (entry, kept) => ctx.saveRecord(id, entry, kept),
  });
  if (settled.kept) ctx.onEvent({ type: "plan-kept", phase: id, kept: settled.kept });
  ctx.persisting.push(persisted);
  if (settled.state === "aborted" && Object.values(usage).some((tokens) => tokens > 0)) {
    const at = new Date().toISOString();
    ctx.persisting.push(ctx.saveRecord(id, { at, usage: toRecordUsage(usage), costUsd: costUsd ?? 0 }));
  }
  // A record or transcript that cannot be written stops the run rather than spending on phases
  // whose results could not be kept; the error itself ends the run when awaited.
  persisted.catch((error: unknown) => ctx.abortRun(error));
  if (execution.kind === "document") ctx.linter.recordWritten(phase.output, execution.text);
  const share = cacheHitRate(usage);
  ctx.finish({
    phase: id,
    model: done.call.model.model,
    usage,
    costUsd,
    ...(share !== undefined ? { cacheReadShare: share } : {}),
    durationMs: Date.now() - done.startedAt.getTime(),
    repairRounds: Math.max(0, execution.rounds.length - 1),
    ...settled,
  });
  return execution.kind === "document" ? "done" : "failed";
}
