import type { RecordedRequest } from "./fake-anthropic-server.js";

/**
 * Anthropic's list prices (US dollars per million tokens, December 2026), copied from the issue that
 * introduced them rather than imported from `src/`, so that a wrong figure in the tool's own table
 * shows up as a mismatch instead of agreeing with itself.
 */
export const LIST_PRICES: Readonly<
  Record<string, { input: number; output: number; write5m: number; write1h: number; read: number }>
> = {
  "claude-opus-5-5": { input: 4, output: 20, write5m: 5, write1h: 8, read: 0.2 },
  "claude-opus-5": { input: 5, output: 25, write5m: 6.25, write1h: 10, read: 0.5 },
  "claude-sonnet-5-5": { input: 2, output: 10, write5m: 2.5, write1h: 4, read: 0.1 },
  "claude-fable-5-1": { input: 10, output: 50, write5m: 12.5, write1h: 20, read: 1 },
  "claude-haiku-4-5": { input: 1, output: 5, write5m: 1.25, write1h: 2, read: 0.1 },
};

/** What the fake API billed for one request, at list prices; 0 for a request that billed nothing. */
export function listPriceOf(request: RecordedRequest): number {
  const usage = request.usage;
  if (!usage) return 0;
  const price = LIST_PRICES[request.body.model];
  if (!price) throw new Error(`no list price for ${request.body.model}`);
  const { ephemeral_5m_input_tokens: write5m, ephemeral_1h_input_tokens: write1h } = usage.cache_creation;
  return (
    (usage.input_tokens * price.input +
      write5m * price.write5m +
      write1h * price.write1h +
      usage.cache_read_input_tokens * price.read +
      usage.output_tokens * price.output) /
    1_000_000
  );
}

/** Every prompt token of a request, however billed: what the next call of its conversation can read. */
export function promptTokensOf(request: RecordedRequest): number {
  const u = request.usage!;
  return u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens;
}
