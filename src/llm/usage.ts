/** Token counts of one or more model calls, in our own vocabulary (see `anthropic-model.ts`). */
export interface Usage {
  /** Input tokens billed at the normal rate (not written to or read from the cache). */
  inputTokens: number;
  /** Input tokens written to the prompt cache (5-minute entries). */
  cacheWriteTokens: number;
  /** Input tokens read from the prompt cache. */
  cacheReadTokens: number;
  outputTokens: number;
}

export const ZERO_USAGE: Readonly<Usage> = Object.freeze({
  inputTokens: 0,
  cacheWriteTokens: 0,
  cacheReadTokens: 0,
  outputTokens: 0,
});

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    outputTokens: a.outputTokens + b.outputTokens,
  };
}

export function sumUsage(items: readonly Usage[]): Usage {
  return items.reduce<Usage>(addUsage, { ...ZERO_USAGE });
}

/** Share of prompt tokens served from the cache (0..1); undefined when there were no prompt tokens. */
export function cacheHitRate(usage: Usage): number | undefined {
  const prompt = usage.inputTokens + usage.cacheWriteTokens + usage.cacheReadTokens;
  return prompt === 0 ? undefined : usage.cacheReadTokens / prompt;
}
