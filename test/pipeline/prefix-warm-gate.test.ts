import { describe, expect, it } from "vitest";
import { PrefixWarmGate } from "../../src/pipeline/prefix-warm-gate.js";

describe("PrefixWarmGate", () => {
  it("lets the first caller of a prefix go and holds the others until it opens", async () => {
    const gate = new PrefixWarmGate();
    const first = await gate.enter("p");
    expect(first.first).toBe(true);
    const order: string[] = [];
    const waiters = [1, 2, 3].map((n) => gate.enter("p").then((entry) => order.push(`w${n}:${entry.first}`)));
    await Promise.resolve();
    order.push("open");
    first.open();
    await Promise.all(waiters);
    expect(order).toEqual(["open", "w1:false", "w2:false", "w3:false"]);
  });

  it("says whether a caller would wait: only while the first caller's stream has not started", async () => {
    const gate = new PrefixWarmGate();
    expect(gate.mustWait("p")).toBe(false);
    const first = await gate.enter("p");
    expect(gate.mustWait("p")).toBe(true);
    expect(gate.mustWait("q")).toBe(false);
    first.open();
    expect(gate.mustWait("p")).toBe(false);
  });

  it("does not hold callers of another prefix", async () => {
    const gate = new PrefixWarmGate();
    await gate.enter("a");
    const other = await gate.enter("b");
    expect(other.first).toBe(true);
  });

  it("lets a late caller through at once once the prefix is warm", async () => {
    const gate = new PrefixWarmGate();
    (await gate.enter("p")).open();
    await expect(gate.enter("p")).resolves.toMatchObject({ first: false });
  });

  it("releases a waiter when its signal aborts", async () => {
    const gate = new PrefixWarmGate();
    await gate.enter("p");
    const controller = new AbortController();
    const waiting = gate.enter("p", controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
  });
});
