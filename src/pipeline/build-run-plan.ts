import type { PhaseFreshness } from "./phase-freshness.js";
import type { PhaseGraph } from "./phase-graph.js";

/** `run` runs every phase that is not fresh (or all with `force`, or `from` and its dependents); `phase` runs one. */
export type RunMode = { kind: "all"; force: boolean; from?: string } | { kind: "one"; phase: string };

/** A phase as the files on disk and the run record leave it (`readPhaseStatuses`). */
export interface PhaseOnDisk {
  phase: string;
  output: string;
  freshness: PhaseFreshness;
}

export interface PlannedPhase {
  phase: string;
  /** Its state once stale upstreams are counted: what `status` shows. */
  freshness: PhaseFreshness;
  /** This run runs it (for a phase whose only reason is a stale upstream: if that upstream's new plan differs). */
  runs: boolean;
  /** Run whatever its state: `--force`, `--from` and its dependents, or the phase `phase <id>` names. */
  forced: boolean;
}

export interface RunPlan {
  /** In dependency order. */
  phases: PlannedPhase[];
  toRun: string[];
  forced: ReadonlySet<string>;
}

type Graph = Pick<PhaseGraph, "ids" | "needsOf" | "descendants">;

/**
 * The one place that decides what a run runs and why: `run`, its dry run and estimate, `status` and
 * `phase` all read it. Pure: the graph, each phase's state on disk and the flags in, the plan out. A
 * run still checks each phase again when its turn comes, since an upstream re-run may leave its plan
 * unchanged (then the dependent is kept).
 */
export function buildRunPlan(graph: Graph, onDisk: readonly PhaseOnDisk[], mode: RunMode): RunPlan {
  const freshness = withStaleUpstream(graph, onDisk);
  const forced = forcedPhases(graph, mode);
  const runs = new Set<string>(forced);
  if (mode.kind === "all" && !mode.force) {
    for (const id of graph.ids) {
      const state = freshness.get(id)!.state;
      // Untracked plans are kept: run never overwrites a plan it did not write unless asked to.
      if (state === "fresh" || state === "untracked") continue;
      runs.add(id);
      // Its dependents re-run after it, except plans arcp-plan did not write, which stay untouched.
      for (const dependent of graph.descendants(id)) {
        if (freshness.get(dependent)!.state !== "untracked") runs.add(dependent);
      }
    }
  }
  return {
    phases: graph.ids.map((id) => ({
      phase: id,
      freshness: freshness.get(id)!,
      runs: runs.has(id),
      forced: forced.has(id),
    })),
    toRun: graph.ids.filter((id) => runs.has(id)),
    forced,
  };
}

/** The phases a mode runs whatever their state. */
export function forcedPhases(graph: Graph, mode: RunMode): Set<string> {
  if (mode.kind === "one") return new Set([mode.phase]);
  if (mode.force) return new Set(graph.ids);
  if (mode.from) return new Set([mode.from, ...graph.descendants(mode.from)]);
  return new Set();
}

/**
 * A fresh phase whose upstream is stale (or failed) is stale too: the upstream re-runs first, and a
 * new plan from it is this phase's input. So an edit to one bootstrap section shows as that phase and
 * its dependents, the way a hand edit does. Phases are taken in dependency order.
 */
function withStaleUpstream(graph: Graph, onDisk: readonly PhaseOnDisk[]): Map<string, PhaseFreshness> {
  const byId = new Map(onDisk.map((phase) => [phase.phase, phase]));
  const freshness = new Map<string, PhaseFreshness>();
  for (const id of graph.ids) {
    const own = byId.get(id)!.freshness;
    const behind = graph
      .needsOf(id)
      .filter((need) => ["stale", "failed"].includes(freshness.get(need)!.state))
      .map((need) => byId.get(need)!.output);
    const reason =
      behind.length === 1
        ? `upstream ${behind[0]} re-runs first (this phase re-runs if its new plan differs)`
        : `upstreams ${behind.join(", ")} re-run first (this phase re-runs if their new plans differ)`;
    freshness.set(
      id,
      own.state === "fresh" && behind.length > 0 ? { state: "stale", reasons: [reason] } : own,
    );
  }
  return freshness;
}
