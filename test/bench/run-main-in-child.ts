import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../support/run-cli.js";

const mainUrl = pathToFileURL(join(repoRoot, "dist/main.js")).href;

// Runs the built CLI's `main` in a fresh Node process (so its code starts cold and its memory is its
// own) and reports the command's time from the call to its return: module loading of the command
// included, Node's own start-up not. Peak memory is `resourceUsage().maxRSS` (KiB).
const CHILD = `
const { main } = await import(${JSON.stringify(mainUrl)});
let out = 0;
const io = { stdout: (t) => { out += t.length; }, stderr: () => {}, isTTY: false, columns: undefined, env: {}, cwd: process.cwd() };
const start = performance.now();
const code = await main(JSON.parse(process.argv[1]), io);
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ code, ms, out, maxRssKb: process.resourceUsage().maxRSS }));
`;

export interface ChildRun {
  code: number;
  /** The command, in its process. */
  ms: number;
  /** The whole process, as seen from outside. */
  wallMs: number;
  maxRssKb: number;
}

export function runMainInChild(args: string[], cwd = repoRoot): ChildRun {
  const start = performance.now();
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", CHILD, JSON.stringify(args)], {
    cwd,
    encoding: "utf8",
  });
  const wallMs = performance.now() - start;
  if (child.status !== 0) throw new Error(`bench child failed (${args.join(" ")}): ${child.stderr}`);
  return { ...(JSON.parse(child.stdout) as Omit<ChildRun, "wallMs">), wallMs };
}

export function median<T>(runs: readonly T[], pick: (run: T) => number): number {
  const values = runs.map(pick).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)]!;
}
