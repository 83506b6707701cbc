import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import {
  acceptsEffort,
  type Effort,
  findModelSpec,
  type ModelSpec,
  thinkingSettingFor,
} from "../llm/model-catalog.js";
import type { PhaseDefinition } from "./phase-definition.js";
import {
  effortForPhase,
  maxTokensForPhase,
  modelForPhase,
  type PipelineSettings,
} from "./pipeline-settings.js";

/** How a phase calls its model: what every request of its conversation sends, decided once. */
export interface PhaseModelCall {
  model: string;
  /** Undefined for a model the catalog does not know (see `describeUnknownModels`). */
  spec: ModelSpec | undefined;
  /** The phase's `max_tokens`, capped at the model's maximum output. */
  maxTokens: number;
  thinking: "adaptive" | undefined;
  effort: Effort | undefined;
  contextWindow: number | undefined;
}

/**
 * Pure. Throws a usage error for an effort the model does not take: the API would answer 400 on every
 * call of the phase, so the run stops before sending any.
 */
export function phaseModelCall(settings: PipelineSettings, phase: PhaseDefinition): PhaseModelCall {
  const model = modelForPhase(settings, phase);
  const spec = findModelSpec(model, settings.catalog);
  const effort = effortForPhase(settings, phase);
  if (effort !== undefined && spec !== undefined && !acceptsEffort(spec)) {
    throw new ArcpPlanError(
      "usage",
      `phase ${phase.id}: ${model} takes no effort setting (its thinking is "${spec.thinking}"), but effort "${effort}" was asked for`,
      {
        hint: "drop --effort / model.effort for this phase (model.phases.<id>.effort), or choose a model with adaptive thinking",
      },
    );
  }
  const wanted = maxTokensForPhase(settings, phase);
  return {
    model,
    spec,
    maxTokens: spec === undefined ? wanted : Math.min(wanted, spec.maxOutput),
    thinking: thinkingSettingFor(spec),
    effort,
    contextWindow: spec?.contextWindow,
  };
}

/**
 * What `run` says about models the catalog does not know, and what `--max-cost` refuses with: what is
 * unknown, what the run does without it, and the config entry that fixes it.
 */
export function describeUnknownModels(models: readonly string[]): string {
  const list = models.join(", ");
  const example = `"model": { "models": { "${models[0]}": { "contextWindow": 1000000, "maxOutput": 128000, "thinking": "adaptive", "prices": { "input": 0, "output": 0, "cacheWrite5m": 0, "cacheWrite1h": 0, "cacheRead": 0 } } } }`;
  return `${list} ${models.length === 1 ? "is" : "are"} not in the model table: price, context window, output limit and thinking mode unknown, so ${models.length === 1 ? "its" : "their"} cost is not counted, prompts are not checked against the window and no thinking setting is sent. Add ${models.length === 1 ? "it" : "them"} to arcp-plan.config.json with the figures from Anthropic's model page, e.g. ${example}`;
}
