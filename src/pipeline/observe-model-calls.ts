import type { LanguageModel, ModelResponse } from "../llm/model.js";

/**
 * Wraps a model so the run sees every call as it completes (usage, cost, progress) and learns when a
 * call has settled either way (the warm-up gate must open even when the first call fails).
 */
export function observeModelCalls(
  model: LanguageModel,
  onResponse: (response: ModelResponse) => void,
  onSettled: () => void,
): LanguageModel {
  return {
    complete: async (request) => {
      try {
        const response = await model.complete(request);
        onResponse(response);
        return response;
      } finally {
        onSettled();
      }
    },
  };
}
