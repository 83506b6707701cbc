import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchRow } from "./bench-row.js";
import { generateLargeWorkspace } from "./generate-large-workspace.js";
import { median, runMainInChild } from "./run-main-in-child.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");

function measure(label: string, args: string[], targets: { ms?: number; mb?: number }): BenchRow[] {
  const runs = Array.from({ length: 3 }, () => runMainInChild(args));
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
