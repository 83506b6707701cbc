/** UTF-8 bytes per token assumed by the estimator. */
export const BYTES_PER_TOKEN = 3.5;

/**
 * Estimated tokens for a text of `bytes` UTF-8 bytes: bytes / 3.5, rounded up. Claude's tokenizer
 * averages roughly 3.5-4 characters per token on English prose and a little under that on code, and
 * non-ASCII text has more bytes than characters, so the estimate errs towards over-counting: a bundle
 * that fits by this measure fits in the request. Counting bytes, not tokens, keeps it dependency-free.
 */
export function estimateTokens(bytes: number): number {
  return Math.ceil(bytes / BYTES_PER_TOKEN);
}
