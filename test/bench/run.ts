import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BenchRow, BenchSection } from "./bench-row.js";

// Runs every `*.bench.ts` beside this file (one per area) and prints one table. Timing lives here,
// never in tests. `npm run bench -- lint` runs only the sections whose file name contains "lint"; the
// arguments after it name folders with real workspaces for `lint-real.bench.ts` (as ARCP_REAL_WORKSPACES does).
const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = (await readdir(here))
  .filter((f) => f.endsWith(".bench.ts") && (!filter || f.includes(filter)))
  .sort();

/**
 * Iterations of a plain loop in 0.5 s: how fast this machine is right now. The VMs these benches run
 * on change speed from hour to hour (seen here: a third slower in some hours than in others), which
 * moves every timing below with it; this row tells a slow hour from a regression.
 */
function cpuReference(): string {
  const end = performance.now() + 500;
  let count = 0;
  while (performance.now() < end) count++;
  return `${((count * 2) / 1e6).toFixed(1)} M/s`;
}

const before = cpuReference();
const rows: BenchRow[] = [];
for (const file of files) {
  const section = (await import(pathToFileURL(join(here, file)).href)).default as BenchSection;
  process.stderr.write(`bench: ${file} ...\n`);
  rows.push(...(await section()));
}
rows.unshift({
  area: "machine",
  metric: "CPU reference: a timed JS loop, before / after the benches (higher is faster)",
  value: `${before} / ${cpuReference()}`,
  target: "-",
});

const header = ["area", "metric", "value", "target", "met"];
const table = rows.map((r) => [
  r.area,
  r.metric,
  r.value,
  r.target,
  r.met === undefined ? "-" : r.met ? "yes" : "NO",
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table) console.log(line(row));
const missed = rows.filter((r) => r.met === false).length;
console.log(`\n${rows.length} figures, ${missed} target(s) missed`);
