/**
 * A cache entry serves concurrent requests only after the first response for that prefix has begun.
 * Firing seven identical-prefix requests at once would make all seven write the cache. This gate lets
 * the first request for a prefix go alone; the others wait until its stream has started (or it
 * failed), then go and read the warm entry. No extra request is spent on warming.
 */
export class PrefixWarmGate {
  private readonly opened = new Map<string, Promise<void>>();
  private readonly open = new Set<string>();

  /** Whether `enter(prefixId)` would wait: another caller went first and its stream has not started. */
  mustWait(prefixId: string): boolean {
    return this.opened.has(prefixId) && !this.open.has(prefixId);
  }

  /**
   * For the first caller of `prefixId`: resolves at once with `open`, which that caller must call when
   * its response starts streaming (or fails). Later callers resolve once `open` has been called,
   * with a no-op `open`.
   */
  async enter(prefixId: string, signal?: AbortSignal): Promise<{ first: boolean; open: () => void }> {
    const existing = this.opened.get(prefixId);
    if (existing) {
      await abortable(existing, signal);
      return { first: false, open: () => {} };
    }
    let resolveOpened!: () => void;
    this.opened.set(
      prefixId,
      new Promise<void>((resolve) => {
        resolveOpened = resolve;
      }),
    );
    const open = () => {
      this.open.add(prefixId);
      resolveOpened();
    };
    return { first: true, open };
  }
}

function abortable(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
