import type { LanguageModel, ModelResponse } from "../llm/model.js";
import type { Usage } from "../llm/usage.js";

/**
 * Wraps a model so the run sees every call as it completes (usage, cost, progress), the tokens of
 * calls that failed or were interrupted after their stream started (billed all the same), and learns
 * when a call has settled either way (the warm-up gate must open even when the first call fails).
 */
export function observeModelCalls(
  model: LanguageModel,
  onResponse: (response: ModelResponse) => void,
  onUnanswered: (usage: Usage) => void,
  onSettled: () => void,
): LanguageModel {
  return {
    complete: async (request) => {
      try {
        const response = await model.complete({
          ...request,
          onUnansweredUsage: (usage) => {
            request.onUnansweredUsage?.(usage);
            onUnanswered(usage);
          },
        });
        onResponse(response);
        return response;
      } finally {
        onSettled();
      }
    },
  };
}
