/**
 * Calls `onIdle` once when `kick()` has not been called for `timeoutMs`. The SDK's own timeout ends
 * when response headers arrive, so a stream that stops sending mid-way needs this.
 */
export class IdleWatchdog {
  #timer: NodeJS.Timeout | undefined;
  #fired = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly onIdle: () => void,
  ) {}

  get fired(): boolean {
    return this.#fired;
  }

  kick(): void {
    if (this.#fired) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#fired = true;
      this.onIdle();
    }, this.timeoutMs);
    // A pending watchdog must not keep the process alive on its own.
    this.#timer.unref();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
