import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BenchRow } from "./bench-row.js";
import { generateLargeWorkspace } from "./generate-large-workspace.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const mainUrl = pathToFileURL(join(repo, "dist/cli/main.js")).href;

// Runs the built `arcp-plan bundle --json` in a fresh Node process (so memory is this command's alone)
// and reports its in-process time and peak resident memory (`resourceUsage().maxRSS`, in KiB).
const CHILD = `
const { main } = await import(${JSON.stringify(mainUrl)});
let out = 0;
const io = { stdout: (t) => { out += t.length; }, stderr: () => {}, isTTY: false, columns: undefined, env: {}, cwd: process.cwd() };
const start = performance.now();
const code = await main(JSON.parse(process.argv[1]), io);
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ code, ms, out, maxRssKb: process.resourceUsage().maxRSS }));
`;

interface Run {
  code: number;
  ms: number;
  wallMs: number;
  maxRssKb: number;
}

function runBundle(args: string[]): Run {
  const start = performance.now();
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", CHILD, JSON.stringify(args)], {
    encoding: "utf8",
  });
  const wallMs = performance.now() - start;
  if (child.status !== 0) throw new Error(`bundle bench child failed: ${child.stderr}`);
  return { ...(JSON.parse(child.stdout) as Omit<Run, "wallMs">), wallMs };
}

function median(runs: Run[], pick: (run: Run) => number): number {
  const values = runs.map(pick).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)]!;
}

function measure(label: string, args: string[], targets: { ms?: number; mb?: number }): BenchRow[] {
  const runs = Array.from({ length: 3 }, () => runBundle(args));
  if (runs.some((run) => run.code !== 0)) throw new Error(`bundle exited ${runs[0]!.code} on ${label}`);
  const ms = median(runs, (run) => run.ms);
  const wall = median(runs, (run) => run.wallMs);
  const mb = Math.max(...runs.map((run) => run.maxRssKb)) / 1024;
  return [
    {
      area: "bundle",
      metric: `bundle wall time, in process (${label})`,
      value: `${ms.toFixed(0)} ms`,
      target: targets.ms === undefined ? "-" : `< ${targets.ms} ms`,
      met: targets.ms === undefined ? undefined : ms < targets.ms,
    },
    {
      area: "bundle",
      metric: `\`arcp-plan bundle --json\` process wall time (${label})`,
      value: `${wall.toFixed(0)} ms`,
      target: "-",
    },
    {
      area: "bundle",
      metric: `bundle peak memory, maxRSS of the process (${label})`,
      value: `${mb.toFixed(0)} MB`,
      target: targets.mb === undefined ? "-" : `< ${targets.mb} MB`,
      met: targets.mb === undefined ? undefined : mb < targets.mb,
    },
  ];
}

export default async function bundleBench(): Promise<BenchRow[]> {
  const fixture = join(repo, "fixtures/workspace/python-sdk");
  const rows = measure("fixture", ["bundle", "--json", "--sdk", fixture], {});
  const dir = await mkdtemp(join(tmpdir(), "arcp-plan-bench-large-"));
  try {
    const { sdk, spec, reference } = await generateLargeWorkspace(dir);
    const args = ["bundle", "--json", "--sdk", sdk, "--spec", spec, "--reference", reference];
    rows.push(...measure("large, ~2 MB / ~2,900 files", args, { ms: 1500, mb: 200 }));
    // The whole workspace sent (a budget above its size): every file is read, the worst case for memory.
    rows.push(
      ...measure("large, unbounded budget", [...args, "--budget", "10000000"], { ms: 1500, mb: 200 }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
