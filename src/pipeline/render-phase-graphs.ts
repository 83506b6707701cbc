import type { PhaseGraph, ScheduleKind } from "./phase-graph.js";

const TITLES: Record<ScheduleKind, string> = {
  table: "table (bootstrap's table)",
  reads: "reads (prompts' reads)",
};

/**
 * Renders schedules side by side, one column per graph and one row per topological level, for
 * `run --dry-run` and graph views. Below the columns, each schedule lists the phases whose prompts read
 * plans that are written in parallel with them. Pure; plain text, no colour.
 */
export function renderPhaseGraphs(graphs: readonly PhaseGraph[]): string {
  const headers = graphs.map(
    (graph) =>
      `${TITLES[graph.kind]}: ${graph.criticalPathLength} level${graph.criticalPathLength === 1 ? "" : "s"}`,
  );
  const depth = Math.max(0, ...graphs.map((graph) => graph.levels.length));
  const rows: string[][] = [["", ...headers]];
  for (let level = 0; level < depth; level += 1) {
    const height = Math.max(1, ...graphs.map((graph) => graph.levels[level]?.length ?? 0));
    for (let line = 0; line < height; line += 1) {
      rows.push([
        line === 0 ? `level ${level + 1}` : "",
        ...graphs.map((graph) => graph.levels[level]?.[line] ?? ""),
      ]);
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd(),
  );

  for (const graph of graphs) {
    const notes = graph.ids
      .map((id) => ({ id, siblings: graph.siblingsNotAvailable(id) }))
      .filter((note) => note.siblings.length > 0);
    if (notes.length === 0) continue;
    lines.push(
      "",
      `${graph.kind}: these prompts read plans that are written in parallel (not available to them):`,
    );
    for (const note of notes) lines.push(`  ${note.id} ← ${note.siblings.join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}
