/**
 * `--max-cost` as a hard cap. A model call starts only when the money already spent, plus the worst
 * case of every call in flight, plus this call's worst case, fits under the cap; until it fits the
 * call waits for calls in flight to settle (a settled call frees its worst case and adds what it
 * really cost). A call that does not fit with nothing in flight never will (spending only grows), so
 * it is refused. Calls of phases already under way go before the first calls of new phases: money
 * goes to finishing plans rather than starting more than can be finished.
 */
export type CallPriority = "follow-up" | "first";

export interface CapReservation {
  /** Records what the call really cost (its billed usage, priced) and frees its worst case. Idempotent. */
  settle(costUsd: number): void;
}

/** A call the cap will not let start: the message says which figures did not fit. */
export class CostCapRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CostCapRefusal";
  }
}

interface Waiter {
  worstUsd: number;
  priority: CallPriority;
  admit: (reservation: CapReservation) => void;
  refuse: (refusal: CostCapRefusal) => void;
}

export class CostCap {
  #spent = 0;
  #inFlight = 0;
  #reservedUsd = 0;
  readonly #waiting: Waiter[] = [];

  /** `cap` undefined: no limit, every call is admitted at once (spending is still counted). */
  constructor(readonly cap: number | undefined) {}

  get spentUsd(): number {
    return this.#spent;
  }

  /**
   * Resolves when the call may start; rejects with `CostCapRefusal` when it never can, or with the
   * signal's reason when aborted while waiting. `worstUsd` undefined (a model without a price) is
   * refused under a cap. `onWait` is called once if the call has to wait.
   */
  admit(
    worstUsd: number | undefined,
    priority: CallPriority,
    signal: AbortSignal,
    onWait?: (reason: string) => void,
  ): Promise<CapReservation> {
    const cap = this.cap;
    if (cap === undefined) return Promise.resolve(this.#reserve(0));
    if (worstUsd === undefined) {
      return Promise.reject(
        new CostCapRefusal("cost cap: the model has no price, so no call can be checked against --max-cost"),
      );
    }
    return new Promise<CapReservation>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        reject(signal.reason);
      };
      const waiter: Waiter = {
        worstUsd,
        priority,
        admit: (reservation) => {
          signal.removeEventListener("abort", onAbort);
          resolve(reservation);
        },
        refuse: (refusal) => {
          signal.removeEventListener("abort", onAbort);
          reject(refusal);
        },
      };
      // Follow-ups queue ahead of every first call, behind earlier follow-ups.
      const at = priority === "first" ? -1 : this.#waiting.findIndex((w) => w.priority === "first");
      if (at === -1) this.#waiting.push(waiter);
      else this.#waiting.splice(at, 0, waiter);
      this.#pump();
      if (!this.#waiting.includes(waiter)) return;
      signal.addEventListener("abort", onAbort, { once: true });
      onWait?.(this.#describe(worstUsd, "waits: "));
    });
  }

  #fits(worstUsd: number): boolean {
    return this.#spent + this.#reservedUsd + worstUsd <= (this.cap ?? Number.POSITIVE_INFINITY);
  }

  #reserve(worstUsd: number): CapReservation {
    this.#inFlight += 1;
    this.#reservedUsd += worstUsd;
    let settled = false;
    return {
      settle: (costUsd) => {
        if (settled) return;
        settled = true;
        this.#inFlight -= 1;
        this.#reservedUsd -= worstUsd;
        this.#spent += costUsd;
        this.#pump();
      },
    };
  }

  /** Admits waiters in order while they fit; refuses the head when nothing is left in flight. */
  #pump(): void {
    while (this.#waiting.length > 0) {
      const head = this.#waiting[0]!;
      if (this.#fits(head.worstUsd)) {
        this.#waiting.shift();
        head.admit(this.#reserve(head.worstUsd));
      } else if (this.#inFlight === 0) {
        this.#waiting.shift();
        head.refuse(this.#refusal(head.worstUsd));
      } else {
        return;
      }
    }
  }

  #refusal(worstUsd: number): CostCapRefusal {
    return new CostCapRefusal(this.#describe(worstUsd, ""));
  }

  #describe(worstUsd: number, prefix: string): string {
    const usd = (value: number) => `$${value.toFixed(4)}`;
    const inFlight =
      this.#inFlight > 0
        ? ` + ${usd(this.#reservedUsd)} worst case of ${this.#inFlight} call(s) in flight`
        : "";
    return `cost cap: ${prefix}spent ${usd(this.#spent)}${inFlight} + this call's worst case ${usd(worstUsd)} > --max-cost ${usd(this.cap ?? 0)}`;
  }
}
