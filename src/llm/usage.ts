/** Token counts of one or more model calls, in our own vocabulary (see `anthropic-model.ts`). */
export interface Usage {
  /** Input tokens billed at the normal rate (not written to or read from the cache). */
  inputTokens: number;
  /** Input tokens written to the prompt cache, both lifetimes (the API's `cache_creation_input_tokens`). */
  cacheWriteTokens: number;
  /** The part of `cacheWriteTokens` written with the 1-hour lifetime (priced at the 1-hour rate). */
  cacheWrite1hTokens: number;
  /** Input tokens read from the prompt cache. */
  cacheReadTokens: number;
  /** Output tokens, thinking included: that is what is billed. */
  outputTokens: number;
  /** The part of `outputTokens` the model spent thinking, when the API reports it. */
  thinkingTokens: number;
}

export const ZERO_USAGE: Readonly<Usage> = Object.freeze({
  inputTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 0,
  outputTokens: 0,
  thinkingTokens: 0,
});

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    cacheWrite1hTokens: a.cacheWrite1hTokens + b.cacheWrite1hTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    thinkingTokens: a.thinkingTokens + b.thinkingTokens,
  };
}

export function sumUsage(items: readonly Usage[]): Usage {
  return items.reduce<Usage>(addUsage, { ...ZERO_USAGE });
}

/** All prompt tokens, however billed. */
export function promptTokens(usage: Usage): number {
  return usage.inputTokens + usage.cacheWriteTokens + usage.cacheReadTokens;
}

/** Share of prompt tokens served from the cache (0..1); undefined when there were no prompt tokens. */
export function cacheHitRate(usage: Usage): number | undefined {
  const prompt = promptTokens(usage);
  return prompt === 0 ? undefined : usage.cacheReadTokens / prompt;
}
