import { setTimeout as sleep } from "node:timers/promises";

export interface BackoffSettings {
  /** Delay before the first whole-call retry, before jitter. */
  baseMs: number;
  /** Upper bound of any one delay. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 1_000, maxMs: 30_000 };

/**
 * Delay before whole-call retry number `retry` (1 for the first): exponential from `baseMs`, capped
 * at `maxMs`, with "equal jitter" (half fixed, half random) so that phases failing together do not
 * retry together, yet every retry waits at least half its step. `random` is in [0, 1). Pure.
 */
export function retryDelayMs(retry: number, settings: BackoffSettings, random: number): number {
  const step = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + (step / 2) * random);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export async function waitUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return;
  await sleep(ms, undefined, signal ? { signal } : {});
}
