import { LINT_RULESET_VERSION } from "../lint/preset.js";
import { TOOL_VERSION } from "../tool-version.js";
import type { RunInputs } from "./load-run-inputs.js";
import type { PhaseKeyComponents } from "./phase-key.js";
import { phaseModelCall } from "./phase-model-call.js";

/** Pure: the key components of a phase given the hashes of its upstream plans (output name → sha256). */
export function buildPhaseKeyComponents(
  inputs: RunInputs,
  phaseId: string,
  upstream: Readonly<Record<string, string>>,
): PhaseKeyComponents {
  const phase = inputs.byId.get(phaseId)!;
  const call = phaseModelCall(inputs.settings, phase);
  return {
    systemPromptHash: inputs.systemHash,
    promptHash: phase.promptHash,
    bundleFiles: inputs.bundleFiles,
    upstream: { ...upstream },
    // The thinking setting follows from the model; effort only when set, so keys from before it existed stay valid.
    model: call.model,
    parameters: {
      maxTokens: call.maxTokens,
      ...(call.effort !== undefined ? { effort: call.effort } : {}),
      maxTurns: inputs.settings.maxTurns,
      maxRepairs: inputs.settings.maxRepairs,
      siblingsNotAvailable: inputs.graph.siblingsNotAvailable(phaseId),
    },
    toolVersion: TOOL_VERSION,
    lintRulesVersion: LINT_RULESET_VERSION,
  };
}
