import type { LanguageModel, ModelRequest, ModelResponse } from "../llm/model.js";
import { addUsage, type Usage, ZERO_USAGE } from "../llm/usage.js";
import type { CapReservation } from "./cost-cap.js";

export interface CallObserver {
  /** Waits until the cost cap lets this call start; rejects when it never will. */
  admit(request: ModelRequest): Promise<CapReservation>;
  /** What the call's billed usage cost, for the cap; undefined when the model has no price. */
  price(usage: Usage): number | undefined;
  onResponse(response: ModelResponse): void;
  /** Tokens of a call that failed or was interrupted after its stream started: billed all the same. */
  onUnanswered(usage: Usage): void;
  /** The call settled either way (the warm-up gate must open even when the first call fails). */
  onSettled(): void;
}

/**
 * Wraps a model so the run gates every call on the cost cap and sees every call as it completes
 * (usage, cost, progress), including the billed tokens of calls that failed after their stream
 * started, which are what the cap's reservation is settled with.
 */
export function observeModelCalls(model: LanguageModel, observer: CallObserver): LanguageModel {
  return {
    complete: async (request) => {
      let reservation: CapReservation;
      try {
        reservation = await observer.admit(request);
      } catch (error) {
        observer.onSettled();
        throw error;
      }
      let billed: Usage = { ...ZERO_USAGE };
      try {
        const response = await model.complete({
          ...request,
          onUnansweredUsage: (usage) => {
            request.onUnansweredUsage?.(usage);
            billed = addUsage(billed, usage);
            observer.onUnanswered(usage);
          },
        });
        billed = response.usage;
        observer.onResponse(response);
        return response;
      } finally {
        reservation.settle(observer.price(billed) ?? 0);
        observer.onSettled();
      }
    },
  };
}
