import { ArcpPlanError } from "../errors/arcp-plan-error.js";

/**
 * The phase dependency graph for one schedule. Pure: built from phase definitions, validated before
 * anything runs, and queried by the run/phase/status commands. Never names a phase.
 *
 * - `table`: a phase waits for its `needs` (the bootstrap's "Depends on" column).
 * - `reads`: a phase also waits for every plan its prompt tells the model to read.
 */
export type ScheduleKind = "table" | "reads";

/** What the graph needs from a phase definition (a full `PhaseDefinition` fits). */
export interface PhaseGraphInput {
  id: string;
  output: string;
  needs: readonly string[];
  reads: readonly string[];
  /** Named in error messages when present. */
  sourcePath?: string;
}

/** A node for the generic scheduler: its effective needs under this schedule. */
export interface ScheduleNode {
  id: string;
  needs: string[];
}

export interface PhaseGraph {
  kind: ScheduleKind;
  /** Every phase id, in topological order (level, then id). */
  ids: string[];
  /** Nodes with the effective needs of this schedule, in `ids` order: feed these to `runSchedule`. */
  nodes: ScheduleNode[];
  /** Topological levels: level 0 has no needs; each later level needs only earlier ones. */
  levels: string[][];
  /** Number of levels on the longest chain: the lower bound on sequential model calls. */
  criticalPathLength: number;
  has(id: string): boolean;
  /** Direct effective needs. */
  needsOf(id: string): string[];
  /** Every phase this one waits for, directly or not, in topological order. */
  ancestors(id: string): string[];
  /** Every phase that waits for this one, directly or not, in topological order. */
  descendants(id: string): string[];
  /**
   * Plans the phase's prompt reads that are not upstream in this schedule: they are being written in
   * parallel, and the execution layer tells the model so plainly. Always empty for `reads`.
   */
  siblingsNotAvailable(id: string): string[];
}

export function buildPhaseGraph(phases: readonly PhaseGraphInput[], kind: ScheduleKind): PhaseGraph {
  const problems = findDefinitionProblems(phases);
  if (problems.length > 0) throw invalidGraph(problems);

  const byId = new Map(phases.map((phase) => [phase.id, phase]));
  const needs = new Map<string, string[]>();
  for (const phase of phases) {
    const effective = kind === "table" ? phase.needs : [...phase.needs, ...phase.reads];
    needs.set(phase.id, [...new Set(effective)].sort());
  }

  const cycles = findCycles(needs);
  if (cycles.length > 0) {
    throw invalidGraph(
      cycles.map(
        (cycle) => `cycle in the ${kind} schedule (each needs the next): ${[...cycle, cycle[0]].join(" → ")}`,
      ),
    );
  }

  const level = new Map<string, number>();
  const levelOf = (id: string): number => {
    const known = level.get(id);
    if (known !== undefined) return known;
    const value = Math.max(-1, ...(needs.get(id) ?? []).map(levelOf)) + 1;
    level.set(id, value);
    return value;
  };
  const levels: string[][] = [];
  for (const id of [...byId.keys()].sort()) {
    const index = levelOf(id);
    levels[index] = [...(levels[index] ?? []), id];
  }
  const ids = levels.flat();
  const order = new Map(ids.map((id, index) => [id, index]));
  const inOrder = (set: Set<string>): string[] => [...set].sort((a, b) => order.get(a)! - order.get(b)!);

  const dependents = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [id, list] of needs) for (const need of list) dependents.get(need)!.push(id);

  const walk = (start: string, next: Map<string, string[]>): Set<string> => {
    const seen = new Set<string>();
    const stack = [...(next.get(start) ?? [])];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(next.get(id) ?? []));
    }
    return seen;
  };
  const known = (id: string): PhaseGraphInput => {
    const phase = byId.get(id);
    if (!phase) {
      throw new ArcpPlanError("usage", `unknown phase "${id}"`, { hint: `known phases: ${ids.join(", ")}` });
    }
    return phase;
  };

  return {
    kind,
    ids,
    nodes: ids.map((id) => ({ id, needs: [...needs.get(id)!] })),
    levels,
    criticalPathLength: levels.length,
    has: (id) => byId.has(id),
    needsOf: (id) => [...needs.get(known(id).id)!],
    ancestors: (id) => inOrder(walk(known(id).id, needs)),
    descendants: (id) => inOrder(walk(known(id).id, dependents)),
    siblingsNotAvailable: (id) => {
      const upstream = walk(known(id).id, needs);
      return inOrder(new Set(byId.get(id)!.reads.filter((read) => !upstream.has(read))));
    },
  };
}

/** Duplicate ids, duplicate outputs, unknown or self references: every problem, each naming its file. */
function findDefinitionProblems(phases: readonly PhaseGraphInput[]): string[] {
  const problems: string[] = [];
  const where = (phase: PhaseGraphInput): string => phase.sourcePath ?? `phase ${phase.id}`;
  const ids = new Set(phases.map((phase) => phase.id));
  const firstById = new Map<string, PhaseGraphInput>();
  const firstByOutput = new Map<string, PhaseGraphInput>();
  for (const phase of phases) {
    const sameId = firstById.get(phase.id);
    if (sameId) problems.push(`${where(phase)}: id: "${phase.id}" is also the id of ${where(sameId)}`);
    else firstById.set(phase.id, phase);
    const sameOutput = firstByOutput.get(phase.output);
    if (sameOutput) {
      problems.push(`${where(phase)}: output: "${phase.output}" is also written by ${where(sameOutput)}`);
    } else firstByOutput.set(phase.output, phase);
    for (const field of ["needs", "reads"] as const) {
      for (const ref of phase[field]) {
        if (ref === phase.id) problems.push(`${where(phase)}: ${field}: a phase cannot depend on itself`);
        else if (!ids.has(ref)) problems.push(`${where(phase)}: ${field}: unknown phase "${ref}"`);
      }
    }
  }
  return problems;
}

/** Depth-first search; each back edge yields the cycle it closes (deduplicated by rotation). */
export function findCycles(needs: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const cycles = new Map<string, string[]>();
  const visit = (id: string): void => {
    state.set(id, "visiting");
    stack.push(id);
    for (const need of needs.get(id) ?? []) {
      const seen = state.get(need);
      if (seen === "visiting") {
        const cycle = stack.slice(stack.indexOf(need));
        const start = cycle.indexOf([...cycle].sort()[0]!);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        cycles.set(rotated.join(" "), rotated);
      } else if (seen === undefined) visit(need);
    }
    stack.pop();
    state.set(id, "done");
  };
  for (const id of [...needs.keys()].sort()) if (!state.has(id)) visit(id);
  return [...cycles.values()];
}

function invalidGraph(problems: string[]): ArcpPlanError {
  return new ArcpPlanError("config", "the phase graph is not valid", {
    hint: "fix the phase table or the phase's section in the bootstrap, or the reads of its override file (--prompts DIR, config pipeline.prompts)",
    details: problems,
  });
}
