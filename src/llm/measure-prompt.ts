import type { WireMessagesRequest } from "./build-messages-request.js";
import type { Usage } from "./usage.js";
import { ZERO_USAGE } from "./usage.js";

/**
 * Characters per token assumed when a prompt is measured without asking the API. Claude's tokenizer
 * averages 3.5-4 characters per token on prose and a little less on code; 3 over-counts both, so a
 * prompt that fits by this measure fits, and a worst case built on it is not an underestimate.
 */
export const CHARS_PER_TOKEN_UPPER = 3;

/** A prompt's estimated size, split where its cache breakpoints fall (in the cache's order). */
export interface PromptMeasure {
  tokens: number;
  /** Tokens up to and including the last block marked with a 1-hour lifetime. */
  upTo1hBreakpoint: number;
  /** Tokens up to and including the last block with any breakpoint. */
  upToLastBreakpoint: number;
}

/**
 * Measures the body the way the cache orders it: tools, then system, then messages. Text counts its
 * characters; other blocks (tool calls, results, thinking) their JSON. Pure.
 */
export function measurePrompt(body: WireMessagesRequest): PromptMeasure {
  let chars = 0;
  let upTo1h = 0;
  let upToLast = 0;
  const visit = (unit: object) => {
    const block = unit as { type?: string; text?: string; cache_control?: { ttl?: string } };
    chars +=
      block.type === "text" && block.text !== undefined ? block.text.length : JSON.stringify(block).length;
    if (block.cache_control === undefined) return;
    upToLast = chars;
    if (block.cache_control.ttl === "1h") upTo1h = chars;
  };
  for (const tool of body.tools ?? []) visit(tool);
  for (const block of body.system ?? []) visit(block);
  for (const message of body.messages) for (const block of message.content) visit(block);
  const tokens = (n: number) => Math.ceil(n / CHARS_PER_TOKEN_UPPER);
  return { tokens: tokens(chars), upTo1hBreakpoint: tokens(upTo1h), upToLastBreakpoint: tokens(upToLast) };
}

/**
 * The most one call can bill: every cached prefix written (the 1-hour part at the 1-hour rate, the
 * rest up to the last breakpoint at the 5-minute rate, since a write always costs more than a read),
 * the tail at the input rate, and `max_tokens` of output (thinking counts toward it). Pure.
 */
export function worstCaseUsage(body: WireMessagesRequest): Usage {
  const measure = measurePrompt(body);
  return {
    ...ZERO_USAGE,
    inputTokens: measure.tokens - measure.upToLastBreakpoint,
    cacheWriteTokens: measure.upToLastBreakpoint,
    cacheWrite1hTokens: measure.upTo1hBreakpoint,
    outputTokens: body.max_tokens,
  };
}
