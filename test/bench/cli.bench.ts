import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchRow } from "./bench-row.js";

const bin = join(dirname(fileURLToPath(import.meta.url)), "../../bin/arcp-plan");

function medianMs(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    spawnSync(process.execPath, args, { stdio: "ignore" });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export default async function cliBench(): Promise<BenchRow[]> {
  const bare = medianMs(["-e", ""], 15);
  const help = medianMs([bin, "--help"], 15);
  return [
    {
      area: "cli",
      metric: "bare `node -e ''` start (baseline)",
      value: `${bare.toFixed(0)} ms`,
      target: "-",
    },
    {
      area: "cli",
      metric: "`arcp-plan --help` wall time",
      value: `${help.toFixed(0)} ms`,
      target: "< 100 ms",
      met: help < 100,
    },
    {
      area: "cli",
      metric: "`--help` cost above bare node",
      value: `${(help - bare).toFixed(0)} ms`,
      target: "< 50 ms",
      met: help - bare < 50,
    },
  ];
}
