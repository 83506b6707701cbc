/**
 * A generic dependency scheduler: runs nodes `{ id, needs }` through a `run` callback, starting each
 * node as soon as all its needs are done and never more than `concurrency` at once. No I/O, no
 * timers, and no knowledge of what a node is.
 *
 * Why not p-limit: the scheduler already keeps the ready set, so a running counter is the whole
 * semaphore; and the `canStart` gate must be asked at the moment a node would really start (after the
 * cost of earlier nodes is known), and abort must drop waiting nodes, which a FIFO of pre-queued
 * functions does not give us.
 */
export type NodeState = "done" | "failed" | "skipped" | "aborted";

export interface ScheduleNodeInput {
  id: string;
  needs: readonly string[];
}

export interface NodeOutcome {
  state: NodeState;
  /**
   * For `skipped`: the failed ancestor's id, or the id of the node the gate refused (the node itself or
   * an ancestor).
   */
  cause?: string;
  /** One human line for `failed`, `skipped` and `aborted` ("needs 02-x, which failed"). */
  reason?: string;
  /** For `failed` or `aborted` nodes whose `run` rejected: what it rejected with. */
  error?: unknown;
}

export interface RunScheduleOptions {
  /** Nodes in preferred start order (ties among ready nodes start in this order). */
  nodes: readonly ScheduleNodeInput[];
  run: (id: string, signal: AbortSignal) => Promise<"done" | "failed">;
  /** At most this many `run` calls in flight. */
  concurrency: number;
  /**
   * Asked just before a ready node starts. A string refuses it: the node and all its dependents are
   * skipped with that reason (e.g. the `--max-cost` stop).
   */
  canStart?: (id: string) => true | string;
  /**
   * Stops starting nodes: every node not yet started ends `aborted`. In-flight nodes get the same
   * signal; one that then fails or rejects is reported `aborted`, one that completes is `done`.
   */
  signal?: AbortSignal;
  onStart?: (id: string) => void;
  /** Called once per node when it reaches its final state, including skipped and aborted ones. */
  onFinish?: (id: string, outcome: NodeOutcome) => void;
}

export interface ScheduleResult {
  outcomes: Map<string, NodeOutcome>;
  /** Ids in the order `run` was called. */
  startOrder: string[];
  /** Ids in the order they reached a final state. */
  finishOrder: string[];
}

/**
 * Resolves when every node has a final state. Rejects only on a programming error: invalid nodes
 * (duplicate ids, unknown needs, a cycle), a concurrency below 1, or a callback that throws.
 */
export async function runSchedule(options: RunScheduleOptions): Promise<ScheduleResult> {
  const { nodes, run, canStart, signal, onStart, onFinish } = options;
  validateNodes(nodes, options.concurrency);

  const waitingOn = new Map(nodes.map((node) => [node.id, new Set(node.needs)]));
  const dependents = new Map<string, string[]>(nodes.map((node) => [node.id, []]));
  for (const node of nodes) for (const need of node.needs) dependents.get(need)!.push(node.id);
  const unstarted = new Set(nodes.map((node) => node.id));
  const outcomes = new Map<string, NodeOutcome>();
  const startOrder: string[] = [];
  const finishOrder: string[] = [];
  const runSignal = signal ?? new AbortController().signal;
  let running = 0;

  return new Promise<ScheduleResult>((resolve, reject) => {
    let settled = false;
    const finishAll = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      if (error === undefined) resolve({ outcomes, startOrder, finishOrder });
      else reject(error);
    };

    const settle = (id: string, outcome: NodeOutcome): void => {
      outcomes.set(id, outcome);
      finishOrder.push(id);
      onFinish?.(id, outcome);
    };

    // Dependents of a node that will never be done cannot start; they have not started yet either.
    const skipDependents = (id: string, cause: string, reasonFor: (dependent: string) => string): void => {
      const queue = [...dependents.get(id)!];
      while (queue.length > 0) {
        const dependent = queue.shift()!;
        if (!unstarted.delete(dependent)) continue;
        settle(dependent, { state: "skipped", cause, reason: reasonFor(dependent) });
        queue.push(...dependents.get(dependent)!);
      }
    };

    const complete = (id: string, outcome: NodeOutcome): void => {
      running -= 1;
      settle(id, outcome);
      if (outcome.state === "done") {
        for (const dependent of dependents.get(id)!) waitingOn.get(dependent)!.delete(id);
      } else if (outcome.state === "failed") {
        skipDependents(id, id, () => `needs ${id}, which failed`);
      }
      pump();
    };

    const start = (id: string): void => {
      running += 1;
      startOrder.push(id);
      onStart?.(id);
      // Promise.resolve().then: a `run` that throws synchronously is handled like one that rejects.
      Promise.resolve()
        .then(() => run(id, runSignal))
        .then(
          (result): NodeOutcome => {
            if (result === "done") return { state: "done" };
            return runSignal.aborted
              ? { state: "aborted", reason: "interrupted while running" }
              : { state: "failed", reason: "the run reported a failure" };
          },
          (error: unknown): NodeOutcome =>
            runSignal.aborted
              ? { state: "aborted", reason: "interrupted while running", error }
              : { state: "failed", reason: error instanceof Error ? error.message : String(error), error },
        )
        .then((outcome) => complete(id, outcome))
        .catch(finishAll);
    };

    const pump = (): void => {
      if (settled) return;
      if (runSignal.aborted) {
        for (const id of [...unstarted]) {
          unstarted.delete(id);
          settle(id, { state: "aborted", reason: "not started: the run was interrupted" });
        }
      } else {
        for (const node of nodes) {
          if (running >= options.concurrency) break;
          if (!unstarted.has(node.id) || waitingOn.get(node.id)!.size > 0) continue;
          unstarted.delete(node.id);
          const gate = canStart ? canStart(node.id) : true;
          if (gate !== true) {
            settle(node.id, { state: "skipped", cause: node.id, reason: gate });
            skipDependents(node.id, node.id, () => gate);
            continue;
          }
          start(node.id);
        }
      }
      if (running === 0 && unstarted.size === 0) finishAll();
    };

    const onAbort = (): void => {
      try {
        pump();
      } catch (error) {
        finishAll(error);
      }
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      pump();
    } catch (error) {
      finishAll(error);
    }
  });
}

function validateNodes(nodes: readonly ScheduleNodeInput[], concurrency: number): void {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const ids = new Set<string>();
  for (const node of nodes) {
    if (ids.has(node.id)) throw new Error(`duplicate node id "${node.id}"`);
    ids.add(node.id);
  }
  for (const node of nodes) {
    for (const need of node.needs) {
      if (!ids.has(need)) throw new Error(`node "${node.id}" needs unknown node "${need}"`);
    }
  }
  // Kahn's algorithm: whatever cannot be ordered sits on a cycle and would wait forever.
  const indegree = new Map(nodes.map((node) => [node.id, new Set(node.needs).size]));
  const ready = nodes.filter((node) => indegree.get(node.id) === 0).map((node) => node.id);
  let ordered = 0;
  while (ready.length > 0) {
    const id = ready.pop()!;
    ordered += 1;
    for (const node of nodes) {
      if (!node.needs.includes(id)) continue;
      const left = indegree.get(node.id)! - 1;
      indegree.set(node.id, left);
      if (left === 0) ready.push(node.id);
    }
  }
  if (ordered < nodes.length) {
    const stuck = nodes.filter((node) => indegree.get(node.id)! > 0).map((node) => node.id);
    throw new Error(`nodes on or behind a cycle: ${stuck.join(", ")}`);
  }
}
