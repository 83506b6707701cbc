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
      /** What the reservations settled so far were settled with (abandoned attempts before a retry). */
      let settled: Usage = { ...ZERO_USAGE };
      const settle = (total: Usage) => {
        reservation.settle(observer.price(subtractUsage(total, settled)) ?? 0);
        settled = total;
      };
      try {
        const response = await model.complete({
          ...request,
          onUnansweredUsage: (usage) => {
            request.onUnansweredUsage?.(usage);
            billed = addUsage(billed, usage);
            observer.onUnanswered(usage);
          },
          // A whole-call retry is another call as far as money goes: it must fit under the cap too.
          beforeRetry: async (billedSoFar) => {
            await request.beforeRetry?.(billedSoFar);
            settle(billedSoFar);
            reservation = await observer.admit(request);
          },
        });
        billed = response.usage;
        observer.onResponse(response);
        return response;
      } finally {
        settle(billed);
        observer.onSettled();
      }
    },
  };
}

function subtractUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens - b.inputTokens,
    cacheWriteTokens: a.cacheWriteTokens - b.cacheWriteTokens,
    cacheWrite1hTokens: a.cacheWrite1hTokens - b.cacheWrite1hTokens,
    cacheReadTokens: a.cacheReadTokens - b.cacheReadTokens,
    outputTokens: a.outputTokens - b.outputTokens,
    thinkingTokens: a.thinkingTokens - b.thinkingTokens,
  };
}
