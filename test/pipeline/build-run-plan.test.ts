import { describe, expect, it } from "vitest";
import { buildRunPlan, type PhaseOnDisk } from "../../src/pipeline/build-run-plan.js";
import type { PhaseFreshness } from "../../src/pipeline/phase-freshness.js";
import { buildPhaseGraph } from "../../src/pipeline/phase-graph.js";

// 01 → 02 → {03, 04} → 05
const graph = buildPhaseGraph(
  [
    { id: "01-a", output: "01-a.md", needs: [], reads: [] },
    { id: "02-b", output: "02-b.md", needs: ["01-a"], reads: [] },
    { id: "03-c", output: "03-c.md", needs: ["01-a", "02-b"], reads: [] },
    { id: "04-d", output: "04-d.md", needs: ["01-a", "02-b"], reads: [] },
    { id: "05-e", output: "05-e.md", needs: ["03-c", "04-d"], reads: [] },
  ],
  "table",
);
const fresh: PhaseFreshness = { state: "fresh" };
const onDisk = (states: Partial<Record<string, PhaseFreshness>> = {}): PhaseOnDisk[] =>
  graph.ids.map((id) => ({ phase: id, output: `${id}.md`, freshness: states[id] ?? fresh }));
const all = { kind: "all", force: false } as const;

describe("buildRunPlan", () => {
  it("runs nothing when all is fresh, and keeps untracked plans", () => {
    const plan = buildRunPlan(graph, onDisk({ "03-c": { state: "untracked", reason: "by hand" } }), all);
    expect(plan.toRun).toEqual([]);
    expect(plan.phases.map((p) => p.freshness.state)).toEqual([
      "fresh",
      "fresh",
      "untracked",
      "fresh",
      "fresh",
    ]);
  });

  it("a changed section stales its phase and, through it, every dependent; only those run", () => {
    const changed: PhaseFreshness = { state: "stale", reasons: ["bootstrap section Phase 3 changed"] };
    const plan = buildRunPlan(graph, onDisk({ "03-c": changed }), all);
    expect(plan.toRun).toEqual(["03-c", "05-e"]);
    expect(plan.phases.find((p) => p.phase === "05-e")?.freshness).toEqual({
      state: "stale",
      reasons: ["upstream 03-c.md re-runs first (this phase re-runs if its new plan differs)"],
    });
    expect(plan.phases.find((p) => p.phase === "04-d")?.freshness).toEqual(fresh);
    expect(plan.forced.size).toBe(0);
  });

  it("an untracked dependent of a stale phase is kept, as the run keeps it", () => {
    const plan = buildRunPlan(
      graph,
      onDisk({
        "02-b": { state: "stale", reasons: ["bootstrap section Phase 2 changed"] },
        "04-d": { state: "untracked", reason: "by hand" },
      }),
      all,
    );
    expect(plan.toRun).toEqual(["02-b", "03-c", "05-e"]);
    expect(plan.phases.find((p) => p.phase === "05-e")?.freshness).toEqual({
      state: "stale",
      reasons: ["upstream 03-c.md re-runs first (this phase re-runs if its new plan differs)"],
    });
  });

  it("a missing plan runs with its dependents; a failed one marks them stale", () => {
    const missing = buildRunPlan(graph, onDisk({ "02-b": { state: "missing", reason: "never run" } }), all);
    expect(missing.toRun).toEqual(["02-b", "03-c", "04-d", "05-e"]);
    const failed = buildRunPlan(
      graph,
      onDisk({ "04-d": { state: "failed", reason: "lint errors left" } }),
      all,
    );
    expect(failed.toRun).toEqual(["04-d", "05-e"]);
    expect(failed.phases.at(-1)?.freshness.state).toBe("stale");
  });

  it("--force runs all, --from a phase and its dependents, phase <id> that phase alone", () => {
    expect(buildRunPlan(graph, onDisk(), { kind: "all", force: true }).toRun).toEqual(graph.ids);
    const from = buildRunPlan(graph, onDisk(), { kind: "all", force: false, from: "04-d" });
    expect(from.toRun).toEqual(["04-d", "05-e"]);
    expect([...from.forced]).toEqual(["04-d", "05-e"]);
    const one = buildRunPlan(graph, onDisk({ "01-a": { state: "missing", reason: "never run" } }), {
      kind: "one",
      phase: "03-c",
    });
    expect(one.toRun).toEqual(["03-c"]);
    expect(one.phases.find((p) => p.phase === "03-c")).toMatchObject({ runs: true, forced: true });
  });
});
