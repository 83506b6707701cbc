import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BenchRow, BenchSection } from "./bench-row.js";

// Runs every `*.bench.ts` beside this file (one per area) and prints one table. Timing lives here,
// never in tests. `npm run bench -- lint` runs only the sections whose file name contains "lint".
const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = (await readdir(here))
  .filter((f) => f.endsWith(".bench.ts") && (!filter || f.includes(filter)))
  .sort();

const rows: BenchRow[] = [];
for (const file of files) {
  const section = (await import(pathToFileURL(join(here, file)).href)).default as BenchSection;
  process.stderr.write(`bench: ${file} ...\n`);
  rows.push(...(await section()));
}

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
