import { describe, expect, it } from "vitest";
import { ArcpPlanError } from "../../src/errors/arcp-plan-error.js";
import { buildPhaseGraph, type PhaseGraphInput } from "../../src/pipeline/phase-graph.js";
import { renderPhaseGraphs } from "../../src/pipeline/render-phase-graphs.js";
import { loadBuiltinProgram } from "../support/builtin-program.js";
import { FAN_OUT_IDS } from "../support/pipeline-workspace.js";

const phase = (id: string, needs: string[] = [], reads: string[] = []): PhaseGraphInput => ({
  id,
  output: `${id}.md`,
  needs,
  reads,
});

function graphError(phases: PhaseGraphInput[], kind: "table" | "reads" = "table"): ArcpPlanError {
  try {
    buildPhaseGraph(phases, kind);
  } catch (error) {
    expect(error).toBeInstanceOf(ArcpPlanError);
    return error as ArcpPlanError;
  }
  throw new Error("expected buildPhaseGraph to throw");
}

describe("buildPhaseGraph with the built-in prompts", async () => {
  const { phases } = await loadBuiltinProgram();
  const table = buildPhaseGraph(phases, "table");
  const reads = buildPhaseGraph(phases, "reads");

  it("the table schedule is 1 → 2 → {3..9} → 10: four levels", () => {
    expect(table.levels).toEqual([["01-spec-delta"], ["02-current-audit"], FAN_OUT_IDS, ["10-synthesis"]]);
    expect(table.criticalPathLength).toBe(4);
  });

  it("the reads schedule honours the prompts' reads: 03 → 04 → {05, 06} → {07, 08, 09}", () => {
    // DESIGN.md §2 says "six levels"; the prompts' own reads give seven: 01, 02, 03, 04 (reads 03),
    // 06 (reads 04), 07 (reads 06), 10.
    expect(reads.levels).toEqual([
      ["01-spec-delta"],
      ["02-current-audit"],
      ["03-libraries"],
      ["04-architecture"],
      ["05-middleware", "06-examples"],
      ["07-tests", "08-docs-readme", "09-diagrams"],
      ["10-synthesis"],
    ]);
    expect(reads.criticalPathLength).toBe(7);
  });

  it("names the sibling plans a prompt reads but cannot see in the table schedule", () => {
    expect(table.siblingsNotAvailable("03-libraries")).toEqual([]);
    expect(table.siblingsNotAvailable("04-architecture")).toEqual(["03-libraries"]);
    expect(table.siblingsNotAvailable("05-middleware")).toEqual(["03-libraries", "04-architecture"]);
    expect(table.siblingsNotAvailable("09-diagrams")).toEqual(["04-architecture", "06-examples"]);
    expect(table.siblingsNotAvailable("10-synthesis")).toEqual([]);
    for (const id of reads.ids) expect(reads.siblingsNotAvailable(id)).toEqual([]);
  });

  it("lists descendants and ancestors in topological order", () => {
    expect(table.descendants("01-spec-delta")).toEqual(["02-current-audit", ...FAN_OUT_IDS, "10-synthesis"]);
    expect(table.descendants("05-middleware")).toEqual(["10-synthesis"]);
    expect(table.descendants("10-synthesis")).toEqual([]);
    expect(reads.descendants("04-architecture")).toEqual([
      "05-middleware",
      "06-examples",
      "07-tests",
      "08-docs-readme",
      "09-diagrams",
      "10-synthesis",
    ]);
    expect(table.ancestors("07-tests")).toEqual(["01-spec-delta", "02-current-audit"]);
    expect(reads.ancestors("07-tests")).toEqual([
      "01-spec-delta",
      "02-current-audit",
      "03-libraries",
      "04-architecture",
      "06-examples",
    ]);
  });

  it("gives the scheduler nodes with the effective needs", () => {
    expect(table.nodes.find((node) => node.id === "05-middleware")?.needs).toEqual([
      "01-spec-delta",
      "02-current-audit",
    ]);
    expect(reads.nodes.find((node) => node.id === "05-middleware")?.needs).toEqual([
      "01-spec-delta",
      "02-current-audit",
      "03-libraries",
      "04-architecture",
    ]);
    expect(table.nodes.map((node) => node.id)).toEqual(table.ids);
  });

  it("an unknown id is a usage error listing the known phases", () => {
    expect(() => table.descendants("11-nope")).toThrow(/unknown phase "11-nope"/);
    try {
      table.descendants("11-nope");
    } catch (error) {
      expect((error as ArcpPlanError).kind).toBe("usage");
      expect((error as ArcpPlanError).hint).toContain("01-spec-delta");
    }
    expect(table.has("11-nope")).toBe(false);
  });

  it("renders both schedules side by side with the parallel-sibling notes", () => {
    const text = renderPhaseGraphs([table, reads]);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(
      /^\s+table \(bootstrap's table\): 4 levels\s+reads \(prompts' reads\): 7 levels$/,
    );
    expect(lines[1]).toMatch(/^level 1\s+01-spec-delta\s+01-spec-delta$/);
    expect(text).toMatch(/^level 4\s+10-synthesis\s+04-architecture$/m);
    expect(text).toMatch(/^level 7\s+10-synthesis$/m);
    expect(text).toContain("table: these prompts read plans that are written in parallel");
    expect(text).toContain("  05-middleware ← 03-libraries, 04-architecture");
    expect(text).not.toContain("reads: these prompts");
  });
});

describe("buildPhaseGraph validation", () => {
  it("reports unknown needs and reads, self references, duplicate ids and outputs, each naming the file", () => {
    const error = graphError([
      { ...phase("a", ["zz"]), sourcePath: "/p/a.md" },
      { ...phase("b", ["b"], ["yy"]), sourcePath: "/p/b.md" },
      { ...phase("a"), output: "a-copy.md", sourcePath: "/p/a-copy.md" },
      { ...phase("c"), output: "b.md", sourcePath: "/p/c.md" },
    ]);
    expect(error.kind).toBe("config");
    expect(error.details).toEqual([
      '/p/a.md: needs: unknown phase "zz"',
      "/p/b.md: needs: a phase cannot depend on itself",
      '/p/b.md: reads: unknown phase "yy"',
      '/p/a-copy.md: id: "a" is also the id of /p/a.md',
      '/p/c.md: output: "b.md" is also written by /p/b.md',
    ]);
  });

  it("names a cycle in the schedule that has it", () => {
    const phases = [phase("a", [], ["c"]), phase("b", ["a"]), phase("c", ["b"])];
    expect(buildPhaseGraph(phases, "table").criticalPathLength).toBe(3);
    expect(graphError(phases, "reads").details).toEqual([
      "cycle in the reads schedule (each needs the next): a → c → b → a",
    ]);
  });

  it("puts independent phases on the first level", () => {
    const graph = buildPhaseGraph([phase("x"), phase("y", ["x"]), phase("z")], "table");
    expect(graph.levels).toEqual([["x", "z"], ["y"]]);
  });
});
