import { describe, expect, it } from "vitest";
import { type NodeOutcome, runSchedule, type ScheduleNodeInput } from "../../src/pipeline/run-schedule.js";
import { type Deferred, deferred, settleMicrotasks } from "./deferred.js";

/** A fake `run`: every call waits until the test finishes it; records what is in flight. */
function fakeRunner() {
  const calls = new Map<string, Deferred<"done" | "failed">>();
  const signals = new Map<string, AbortSignal>();
  const inFlight = new Set<string>();
  let maxInFlight = 0;
  return {
    calls,
    signals,
    inFlight,
    get maxInFlight() {
      return maxInFlight;
    },
    run: (id: string, signal: AbortSignal): Promise<"done" | "failed"> => {
      const call = deferred<"done" | "failed">();
      calls.set(id, call);
      signals.set(id, signal);
      inFlight.add(id);
      maxInFlight = Math.max(maxInFlight, inFlight.size);
      return call.promise.finally(() => inFlight.delete(id));
    },
    async finish(id: string, result: "done" | "failed" = "done") {
      const call = calls.get(id);
      if (!call) throw new Error(`${id} was not started`);
      call.resolve(result);
      await settleMicrotasks();
    },
    async fail(id: string, error: unknown) {
      calls.get(id)!.reject(error);
      await settleMicrotasks();
    },
  };
}

const diamond: ScheduleNodeInput[] = [
  { id: "a", needs: [] },
  { id: "b", needs: ["a"] },
  { id: "c", needs: ["a"] },
  { id: "d", needs: ["b", "c"] },
];

const states = (outcomes: Map<string, NodeOutcome>) =>
  Object.fromEntries([...outcomes].map(([id, outcome]) => [id, outcome.state]));

describe("runSchedule", () => {
  it("starts a node as soon as all its needs are done, and not before", async () => {
    const fake = fakeRunner();
    const result = runSchedule({ nodes: diamond, run: fake.run, concurrency: 4 });
    await settleMicrotasks();
    expect([...fake.inFlight]).toEqual(["a"]);
    await fake.finish("a");
    expect([...fake.inFlight].sort()).toEqual(["b", "c"]);
    await fake.finish("c");
    expect([...fake.inFlight]).toEqual(["b"]);
    await fake.finish("b");
    expect([...fake.inFlight]).toEqual(["d"]);
    await fake.finish("d");
    const { outcomes, startOrder, finishOrder } = await result;
    expect(states(outcomes)).toEqual({ a: "done", b: "done", c: "done", d: "done" });
    expect(startOrder).toEqual(["a", "b", "c", "d"]);
    expect(finishOrder).toEqual(["a", "c", "b", "d"]);
  });

  it("runs a seven-wide fan-out all at once when the limit allows it", async () => {
    const fanOut = ["f3", "f4", "f5", "f6", "f7", "f8", "f9"];
    const nodes: ScheduleNodeInput[] = [
      { id: "f1", needs: [] },
      { id: "f2", needs: ["f1"] },
      ...fanOut.map((id) => ({ id, needs: ["f1", "f2"] })),
      { id: "f10", needs: ["f1", "f2", ...fanOut] },
    ];
    const fake = fakeRunner();
    const result = runSchedule({ nodes, run: fake.run, concurrency: 7 });
    await settleMicrotasks();
    await fake.finish("f1");
    await fake.finish("f2");
    expect([...fake.inFlight].sort()).toEqual([...fanOut].sort());
    for (const id of fanOut.slice(0, 6)) await fake.finish(id);
    expect(fake.calls.has("f10")).toBe(false);
    await fake.finish("f9");
    await fake.finish("f10");
    expect(states((await result).outcomes).f10).toBe("done");
  });

  it("never has more than `concurrency` runs in flight, and starts the next as one finishes", async () => {
    const nodes = ["n1", "n2", "n3", "n4", "n5", "n6", "n7"].map((id) => ({ id, needs: [] }));
    const fake = fakeRunner();
    const result = runSchedule({ nodes, run: fake.run, concurrency: 3 });
    await settleMicrotasks();
    expect([...fake.inFlight]).toEqual(["n1", "n2", "n3"]);
    await fake.finish("n2");
    expect([...fake.inFlight]).toEqual(["n1", "n3", "n4"]);
    for (const id of ["n1", "n3", "n4", "n5", "n6", "n7"]) await fake.finish(id);
    const { startOrder } = await result;
    expect(fake.maxInFlight).toBe(3);
    expect(startOrder).toEqual(["n1", "n2", "n3", "n4", "n5", "n6", "n7"]);
  });

  it("skips only the dependents of a failed node, naming the failed ancestor, while others finish", async () => {
    const nodes: ScheduleNodeInput[] = [
      { id: "a", needs: [] },
      { id: "b", needs: ["a"] },
      { id: "c", needs: ["b"] },
      { id: "d", needs: ["a"] },
      { id: "x", needs: [] },
    ];
    const fake = fakeRunner();
    const finished: [string, NodeOutcome][] = [];
    const result = runSchedule({
      nodes,
      run: fake.run,
      concurrency: 5,
      onFinish: (id, outcome) => finished.push([id, outcome]),
    });
    await settleMicrotasks();
    await fake.finish("a");
    await fake.finish("b", "failed");
    expect(finished.map(([id]) => id)).toEqual(["a", "b", "c"]);
    await fake.finish("d");
    await fake.finish("x");
    const { outcomes } = await result;
    expect(states(outcomes)).toEqual({ a: "done", b: "failed", c: "skipped", d: "done", x: "done" });
    expect(outcomes.get("c")).toMatchObject({ cause: "b", reason: "needs b, which failed" });
    expect(fake.calls.has("c")).toBe(false);
  });

  it("names the originally failed node as the cause of transitive skips, and treats a rejection as a failure", async () => {
    const nodes: ScheduleNodeInput[] = [
      { id: "a", needs: [] },
      { id: "b", needs: ["a"] },
      { id: "c", needs: ["b"] },
    ];
    const fake = fakeRunner();
    const result = runSchedule({ nodes, run: fake.run, concurrency: 2 });
    await settleMicrotasks();
    const boom = new Error("stream broke");
    await fake.fail("a", boom);
    const { outcomes } = await result;
    expect(outcomes.get("a")).toEqual({ state: "failed", reason: "stream broke", error: boom });
    expect(outcomes.get("b")).toMatchObject({ state: "skipped", cause: "a" });
    expect(outcomes.get("c")).toMatchObject({
      state: "skipped",
      cause: "a",
      reason: "needs a, which failed",
    });
  });

  it("treats a run that throws synchronously like one that rejects", async () => {
    const { outcomes } = await runSchedule({
      nodes: [{ id: "a", needs: [] }],
      run: () => {
        throw new Error("bad input");
      },
      concurrency: 1,
    });
    expect(outcomes.get("a")).toMatchObject({ state: "failed", reason: "bad input" });
  });

  it("on abort starts nothing new, reports unstarted nodes as aborted and lets in-flight runs settle", async () => {
    const nodes: ScheduleNodeInput[] = [
      { id: "a", needs: [] },
      { id: "b", needs: [] },
      { id: "c", needs: [] },
      { id: "d", needs: ["a"] },
    ];
    const fake = fakeRunner();
    const controller = new AbortController();
    let resolved = false;
    const result = runSchedule({ nodes, run: fake.run, concurrency: 2, signal: controller.signal }).then(
      (r) => {
        resolved = true;
        return r;
      },
    );
    await settleMicrotasks();
    expect([...fake.inFlight]).toEqual(["a", "b"]);
    expect(fake.signals.get("a")).toBe(controller.signal);

    controller.abort();
    await settleMicrotasks();
    expect(resolved).toBe(false);
    await fake.fail("a", new Error("request aborted"));
    await fake.finish("b");
    const { outcomes, startOrder } = await result;
    expect(startOrder).toEqual(["a", "b"]);
    expect(states(outcomes)).toEqual({ a: "aborted", b: "done", c: "aborted", d: "aborted" });
  });

  it("reports a run that returns `failed` after the abort as aborted", async () => {
    const fake = fakeRunner();
    const controller = new AbortController();
    const result = runSchedule({
      nodes: [{ id: "a", needs: [] }],
      run: fake.run,
      concurrency: 1,
      signal: controller.signal,
    });
    await settleMicrotasks();
    controller.abort();
    await fake.finish("a", "failed");
    expect((await result).outcomes.get("a")?.state).toBe("aborted");
  });

  it("starts nothing when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const fake = fakeRunner();
    const { outcomes, startOrder } = await runSchedule({
      nodes: diamond,
      run: fake.run,
      concurrency: 4,
      signal: controller.signal,
    });
    expect(startOrder).toEqual([]);
    expect(new Set(Object.values(states(outcomes)))).toEqual(new Set(["aborted"]));
  });

  it("asks the gate when a node would start; a refusal skips it and its dependents with the reason", async () => {
    // A spending cap: each finished node costs 1; the gate refuses once 2 have been spent.
    const nodes: ScheduleNodeInput[] = [
      { id: "a", needs: [] },
      { id: "b", needs: ["a"] },
      { id: "c", needs: ["a"] },
      { id: "d", needs: ["c"] },
    ];
    const fake = fakeRunner();
    let spent = 0;
    const asked: string[] = [];
    const result = runSchedule({
      nodes,
      run: fake.run,
      concurrency: 1,
      canStart: (id) => {
        asked.push(id);
        return spent >= 2 ? `max cost reached ($${spent} spent)` : true;
      },
      onFinish: (_id, outcome) => {
        if (outcome.state === "done") spent += 1;
      },
    });
    await settleMicrotasks();
    await fake.finish("a");
    await fake.finish("b");
    const { outcomes } = await result;
    expect(asked).toEqual(["a", "b", "c"]);
    expect(outcomes.get("c")).toEqual({
      state: "skipped",
      cause: "c",
      reason: "max cost reached ($2 spent)",
    });
    expect(outcomes.get("d")).toEqual({
      state: "skipped",
      cause: "c",
      reason: "max cost reached ($2 spent)",
    });
    expect(fake.calls.has("c")).toBe(false);
  });

  it("calls onStart before run and onFinish once per node", async () => {
    const events: string[] = [];
    await runSchedule({
      nodes: [
        { id: "a", needs: [] },
        { id: "b", needs: ["a"] },
      ],
      run: async (id) => {
        events.push(`run ${id}`);
        return id === "a" ? "failed" : "done";
      },
      concurrency: 1,
      onStart: (id) => events.push(`start ${id}`),
      onFinish: (id, outcome) => events.push(`finish ${id} ${outcome.state}`),
    });
    expect(events).toEqual(["start a", "run a", "finish a failed", "finish b skipped"]);
  });

  it("resolves at once for no nodes", async () => {
    const { outcomes } = await runSchedule({ nodes: [], run: async () => "done", concurrency: 1 });
    expect(outcomes.size).toBe(0);
  });

  it("rejects invalid input instead of waiting forever", async () => {
    const run = async () => "done" as const;
    await expect(
      runSchedule({
        nodes: [
          { id: "a", needs: ["b"] },
          { id: "b", needs: ["a"] },
        ],
        run,
        concurrency: 1,
      }),
    ).rejects.toThrow(/cycle: a, b/);
    await expect(runSchedule({ nodes: [{ id: "a", needs: ["zz"] }], run, concurrency: 1 })).rejects.toThrow(
      /unknown node "zz"/,
    );
    await expect(
      runSchedule({
        nodes: [
          { id: "a", needs: [] },
          { id: "a", needs: [] },
        ],
        run,
        concurrency: 1,
      }),
    ).rejects.toThrow(/duplicate/);
    await expect(runSchedule({ nodes: [], run, concurrency: 0 })).rejects.toThrow(RangeError);
  });

  it("rejects when a progress callback throws", async () => {
    await expect(
      runSchedule({
        nodes: [{ id: "a", needs: [] }],
        run: async () => "done",
        concurrency: 1,
        onFinish: () => {
          throw new Error("renderer broke");
        },
      }),
    ).rejects.toThrow("renderer broke");
  });
});
