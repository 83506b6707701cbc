import { setTimeout as sleep } from "node:timers/promises";

/**
 * Polls `condition` until it holds. The deadline is a safety net against a hung test, not a timing
 * assertion: it is far above what the condition normally needs.
 */
export async function waitFor(
  what: string,
  condition: () => Promise<boolean> | boolean,
  deadlineMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
