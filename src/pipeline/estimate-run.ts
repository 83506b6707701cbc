import { findModelPrice, priceUsage } from "../llm/pricing.js";
import { addUsage, type Usage, ZERO_USAGE } from "../llm/usage.js";
import { estimateTokens } from "../workspace/estimate-tokens.js";
import { buildPhaseRequest } from "./build-phase-request.js";
import type { RunInputs } from "./load-run-inputs.js";
import { maxTokensForPhase, modelForPhase } from "./pipeline-settings.js";

/**
 * Assumptions of the estimate, stated so the numbers can be judged: a plan that reads in 8 minutes at
 * 238 words per minute is ~1,900 words, ~2,600 tokens; each phase makes two tool turns of ~1,500
 * tokens of results before answering; no repair rounds. Prefixes shared by several phases are written
 * once and read afterwards, as the run's warm-up gate arranges.
 */
export const ESTIMATE_ASSUMPTIONS = {
  planTokens: 2_600,
  toolTurns: 2,
  toolResultTokens: 1_500,
  toolCallOutputTokens: 150,
} as const;

export interface PhaseEstimate {
  phase: string;
  model: string;
  maxTokens: number;
  systemTokens: number;
  bundleTokens: number;
  upstreamTokens: number;
  instructionTokens: number;
  usage: Usage;
  /** Undefined when the model has no price. */
  costUsd: number | undefined;
}

export interface RunEstimate {
  phases: PhaseEstimate[];
  usage: Usage;
  costUsd: number;
  /** Models without a price: the cost is then a lower bound. */
  unpricedModels: string[];
}

/** Pure given the inputs: plan sizes come from `planTokens` (the plan on disk if any, else the assumption). */
export function estimateRun(
  inputs: RunInputs,
  phaseIds: readonly string[],
  planTokens: (output: string) => number | undefined,
): RunEstimate {
  const a = ESTIMATE_ASSUMPTIONS;
  const written = new Set<string>();
  const phases: PhaseEstimate[] = [];
  for (const id of inputs.graph.ids.filter((phaseId) => phaseIds.includes(phaseId))) {
    const phase = inputs.byId.get(id)!;
    const model = modelForPhase(inputs.settings, phase);
    const upstreamOutputs = inputs.graph.needsOf(id).map((need) => inputs.byId.get(need)!.output);
    const request = buildPhaseRequest({
      phase,
      systemPrompt: inputs.system,
      bundleText: inputs.bundleText,
      upstream: [],
      siblingsNotAvailable: inputs.graph.siblingsNotAvailable(id).map((s) => inputs.byId.get(s)!.output),
      outViewDir: inputs.outViewDir,
    });
    const systemTokens = tokensOf(inputs.system);
    const bundleTokens = tokensOf(request.system[1]!.text);
    const upstreamTokens = upstreamOutputs.reduce(
      (sum, output) => sum + (planTokens(output) ?? a.planTokens),
      0,
    );
    const instructionTokens = tokensOf(
      request.messages[0]!.content.map((b) => (b.type === "text" ? b.text : "")).join(""),
    );

    // First call: each cached prefix is written by its first user and read by the others.
    const bundleKey = `${model}|bundle`;
    const upstreamKey = `${model}|${upstreamOutputs.join(",")}`;
    let usage: Usage = { ...ZERO_USAGE, inputTokens: instructionTokens };
    const cached = (key: string, tokens: number) => {
      if (tokens === 0) return;
      if (written.has(key)) usage = addUsage(usage, { ...ZERO_USAGE, cacheReadTokens: tokens });
      else usage = addUsage(usage, { ...ZERO_USAGE, cacheWriteTokens: tokens });
      written.add(key);
    };
    cached(bundleKey, systemTokens + bundleTokens);
    cached(upstreamKey, upstreamTokens);
    // Tool turns re-send the whole conversation; its cached part is read, the rest is new input.
    for (let turn = 1; turn <= a.toolTurns; turn++) {
      usage = addUsage(usage, {
        ...ZERO_USAGE,
        cacheReadTokens: systemTokens + bundleTokens + upstreamTokens,
        inputTokens: instructionTokens + turn * (a.toolResultTokens + a.toolCallOutputTokens),
        outputTokens: a.toolCallOutputTokens,
      });
    }
    usage = addUsage(usage, { ...ZERO_USAGE, outputTokens: a.planTokens });
    phases.push({
      phase: id,
      model,
      maxTokens: maxTokensForPhase(inputs.settings, phase),
      systemTokens,
      bundleTokens,
      upstreamTokens,
      instructionTokens,
      usage,
      costUsd: priceUsage(usage, model, inputs.settings.prices),
    });
  }
  const usage = phases.reduce<Usage>((sum, phase) => addUsage(sum, phase.usage), { ...ZERO_USAGE });
  const unpricedModels = [
    ...new Set(phases.map((p) => p.model).filter((m) => !findModelPrice(m, inputs.settings.prices))),
  ];
  return { phases, usage, costUsd: phases.reduce((sum, p) => sum + (p.costUsd ?? 0), 0), unpricedModels };
}

function tokensOf(text: string): number {
  return estimateTokens(Buffer.byteLength(text, "utf8"));
}
