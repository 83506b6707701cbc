import { describe, expect, it } from "vitest";
import { type CapReservation, CostCap, CostCapRefusal } from "../../src/pipeline/cost-cap.js";

const never = new AbortController().signal;

/** Settles on the next turn of the event loop: lets admitted waiters resolve before we look. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("CostCap", () => {
  it("admits calls while spent + worst cases in flight + this one fit, and refuses when nothing in flight can make room", async () => {
    const cap = new CostCap(1);
    const a = await cap.admit(0.4, "first", never);
    const b = await cap.admit(0.4, "first", never);
    let third: CapReservation | undefined;
    const waits: string[] = [];
    const pending = cap
      .admit(0.4, "first", never, (reason) => waits.push(reason))
      .then((r) => {
        third = r;
      });
    await tick();
    expect(third).toBeUndefined();
    expect(waits).toEqual([
      "cost cap: waits: spent $0.0000 + $0.8000 worst case of 2 call(s) in flight + this call's worst case $0.4000 > --max-cost $1.0000",
    ]);
    a.settle(0.05); // spent 0.05 + 0.4 in flight + 0.4 = 0.85: fits
    await pending;
    expect(third).toBeDefined();
    expect(cap.spentUsd).toBeCloseTo(0.05, 12);

    b.settle(0.5);
    third!.settle(0.3); // spent 0.85, nothing in flight
    await expect(cap.admit(0.2, "first", never)).rejects.toThrow(
      new CostCapRefusal("cost cap: spent $0.8500 + this call's worst case $0.2000 > --max-cost $1.0000"),
    );
    await expect(cap.admit(0.1, "follow-up", never)).resolves.toBeDefined();
  });

  it("lets follow-up calls of running phases go before first calls of new phases", async () => {
    const cap = new CostCap(1);
    const running = await cap.admit(0.9, "first", never);
    const order: string[] = [];
    const first = cap.admit(0.5, "first", never).then(() => order.push("new phase"));
    const followUp = cap.admit(0.5, "follow-up", never).then((r) => {
      order.push("follow-up");
      return r;
    });
    running.settle(0.1); // room for one 0.5 call: 0.1 + 0.5 <= 1, not two
    const admitted = await followUp;
    await tick();
    expect(order).toEqual(["follow-up"]);
    admitted.settle(0.1);
    await first;
    expect(order).toEqual(["follow-up", "new phase"]);
  });

  it("refuses a waiting call once nothing is left in flight and it still does not fit", async () => {
    const cap = new CostCap(1);
    const big = await cap.admit(0.8, "first", never);
    const waiting = cap.admit(0.5, "first", never);
    big.settle(0.7);
    await expect(waiting).rejects.toBeInstanceOf(CostCapRefusal);
  });

  it("stops waiting when aborted, and refuses unpriced calls under a cap", async () => {
    const cap = new CostCap(1);
    await cap.admit(0.9, "first", never);
    const controller = new AbortController();
    const waiting = cap.admit(0.5, "first", controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    await expect(cap.admit(undefined, "first", never)).rejects.toThrow(/has no price/);
  });

  it("without a cap admits everything and still counts what was spent", async () => {
    const cap = new CostCap(undefined);
    const reservations = await Promise.all([1, 2, 3].map(() => cap.admit(100, "first", never)));
    for (const r of reservations) r.settle(2);
    reservations[0]!.settle(5); // settling twice counts once
    expect(cap.spentUsd).toBe(6);
  });
});
