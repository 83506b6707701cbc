import { buildMessagesRequest } from "../llm/build-messages-request.js";
import { worstCaseUsage } from "../llm/measure-prompt.js";
import type { ModelRequest } from "../llm/model.js";
import { priceUsageAt } from "../llm/pricing.js";
import type { Usage } from "../llm/usage.js";
import { buildPhaseRequest, type PhaseRequest, type UpstreamPlan } from "./build-phase-request.js";
import type { PhaseDefinition } from "./phase-definition.js";
import { describeUnknownModels, type PhaseModelCall, phaseModelCall } from "./phase-model-call.js";
import type { PhaseRunContext } from "./phase-run-context.js";

/** Everything a phase's calls share: the model settings, the prompt, pricing and the warm-up hook. */
export interface PreparedCall {
  phaseId: string;
  model: PhaseModelCall;
  request: PhaseRequest;
  base: Omit<ModelRequest, "messages" | "tools" | "signal">;
  priceOf: (usage: Usage) => number | undefined;
  /** The most a call could cost (see `worstCaseUsage`); undefined for a model without a price. */
  worstOf: (request: ModelRequest) => number | undefined;
  onHeld: (reason: string) => void;
  /** Opens the shared-prefix gate once this phase's first stream has started; set after entering it. */
  warm: { open: () => void };
}

export function prepareCall(
  ctx: PhaseRunContext,
  phase: PhaseDefinition,
  upstream: readonly UpstreamPlan[],
): PreparedCall {
  const { inputs } = ctx;
  const model = phaseModelCall(inputs.settings, phase);
  if (!model.spec && !ctx.warnedModels.has(model.model)) {
    ctx.warnedModels.add(model.model);
    ctx.onEvent({ type: "warning", message: describeUnknownModels([model.model]) });
  }
  const request = buildPhaseRequest({
    phase,
    systemPrompt: inputs.system,
    bundleText: inputs.bundleText,
    upstream: ctx.redactions.redactUpstream(upstream),
    siblingsNotAvailable: inputs.graph.siblingsNotAvailable(phase.id).map((s) => inputs.byId.get(s)!.output),
    outViewDir: inputs.outViewDir,
    bundleCacheTtl: ctx.bundleCacheTtl,
  });
  const priceOf = (usage: Usage) => (model.spec ? priceUsageAt(usage, model.spec.prices) : undefined);
  const warm = { open: () => {} };
  return {
    phaseId: phase.id,
    model,
    request,
    base: {
      phaseId: phase.id,
      model: model.model,
      maxTokens: model.maxTokens,
      system: request.system,
      cacheConversation: inputs.settings.cacheConversation,
      ...(model.thinking ? { thinking: model.thinking } : {}),
      ...(model.effort ? { effort: model.effort } : {}),
      ...(model.contextWindow !== undefined ? { contextWindow: model.contextWindow } : {}),
      onStreamEvent: (event) => {
        if (event.type === "first-event") warm.open();
      },
    },
    priceOf,
    worstOf: (req) => priceOf(worstCaseUsage(buildMessagesRequest(req))),
    onHeld: (reason) => ctx.onEvent({ type: "phase-held", phase: phase.id, reason }),
    warm,
  };
}
