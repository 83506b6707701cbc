import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, join, resolve } from "node:path";
import { repoRoot } from "../support/run-cli.js";
import type { BenchRow } from "./bench-row.js";
import { median } from "./run-main-in-child.js";

/*
 * Lint speed on real plans, relative to a named peer (issue 11, item 5): `arcp-plan lint` with every
 * check against `markdownlint-cli2` with its default rules on the same files, and a re-lint from the
 * lint cache against the first lint. Both tools run as fresh processes timed from outside, so both
 * include Node's start-up and their module loading; the figure is the median of RUNS, interleaved so
 * a slow moment of the machine hits all three alike.
 *
 * The real workspaces are third-party trees that CI cannot fetch: they are found through
 * ARCP_REAL_WORKSPACES (folders separated by the platform's path delimiter) or the arguments after the
 * section name (`npm run bench -- lint-real /work/real`). Each named folder is an SDK checkout with
 * plans in `planning/v1.1/`, or holds such checkouts one or two levels down (`/work/real` holds
 * `rust/rust-sdk` and `java/java-sdk`). Each workspace (the checkout's parent: SDK, spec, reference) is
 * copied to a temporary folder first, because the lint cache is written beside the plans.
 */
const RUNS = 5;
const PLANS = "planning/v1.1";
const cli = join(repoRoot, "bin/arcp-plan");
const markdownlint = join(repoRoot, "node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs");

/** SDK checkouts with plans at, or one or two levels below, each folder. */
function findRealSdkCheckouts(folders: readonly string[]): string[] {
  const found: string[] = [];
  const visit = (folder: string, depth: number): void => {
    if (plansIn(folder).length > 0) {
      found.push(folder);
      return;
    }
    if (depth === 0) return;
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    ))
      if (entry.isDirectory() && !entry.name.startsWith(".")) visit(join(folder, entry.name), depth - 1);
  };
  for (const folder of folders)
    if (existsSync(folder) && statSync(folder).isDirectory()) visit(resolve(folder), 2);
  return found;
}

function plansIn(sdk: string): string[] {
  const folder = join(sdk, PLANS);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `${PLANS}/${name}`);
}

interface Timed {
  ms: number;
  stdout: string;
}

/** A fresh Node process running `script args` in `cwd`, timed from spawn to exit. */
function timeProcess(
  script: string,
  args: readonly string[],
  cwd: string,
  okCodes: readonly number[],
): Timed {
  const start = performance.now();
  const child = spawnSync(process.execPath, [script, ...args], {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  // A script that is not there also exits 1: the output must be what was asked for, not an error.
  if (child.status === null || !okCodes.includes(child.status) || child.stdout.trim() === "")
    throw new Error(
      `lint-real bench: ${basename(script)} ${args.join(" ")} exited ${child.status}: ${child.stderr}`,
    );
  return { ms, stdout: child.stdout };
}

interface Round {
  cold: number;
  cached: number;
  peer: number;
}

/** One round over every workspace: a first lint (cache removed), a re-lint, and the peer. */
function round(sdks: readonly string[]): Round {
  const total: Round = { cold: 0, cached: 0, peer: 0 };
  for (const sdk of sdks) {
    // `lint` exits 1 when it finds errors, as it does on these plans; markdownlint-cli2 likewise.
    rmSync(join(sdk, "planning/.arcp-plan"), { recursive: true, force: true }); // the lint cache
    const cold = timeProcess(cli, ["lint", "--format", "json"], sdk, [0, 1]);
    const cached = timeProcess(cli, ["lint", "--format", "json"], sdk, [0, 1]);
    if (cached.stdout !== cold.stdout)
      throw new Error(
        `lint-real bench: the cached re-lint in ${sdk} printed something else than the first lint`,
      );
    const peer = timeProcess(
      markdownlint,
      plansIn(sdk).map((plan) => `:${plan}`),
      sdk,
      [0, 1],
    );
    total.cold += cold.ms;
    total.cached += cached.ms;
    total.peer += peer.ms;
  }
  return total;
}

function realWorkspaceFolders(): string[] {
  const fromEnv = (process.env.ARCP_REAL_WORKSPACES ?? "").split(delimiter).filter((entry) => entry !== "");
  const fromArgs = process.argv[2]?.startsWith("lint") ? process.argv.slice(3) : [];
  return [...fromEnv, ...fromArgs];
}

export default async function lintRealBench(): Promise<BenchRow[]> {
  const sdks = findRealSdkCheckouts(realWorkspaceFolders());
  const metric =
    "real plans: first `arcp-plan lint` (every check, no cache yet) / `markdownlint-cli2` (default rules)";
  if (sdks.length === 0) {
    const why =
      "skipped: no real workspaces (set ARCP_REAL_WORKSPACES=DIR or run `npm run bench -- lint-real DIR...`)";
    process.stderr.write(`bench: lint-real ${why}\n`);
    return [{ area: "lint", metric, value: why, target: "≤ 1.0" }];
  }
  const temp = await mkdtemp(join(tmpdir(), "arcp-plan-lint-real-"));
  try {
    const copies: string[] = [];
    for (const [index, sdk] of sdks.entries()) {
      const workspace = join(temp, String(index));
      await cp(dirname(sdk), workspace, { recursive: true });
      copies.push(join(workspace, basename(sdk)));
    }
    const plans = copies.reduce((sum, sdk) => sum + plansIn(sdk).length, 0);
    const rounds = Array.from({ length: RUNS }, () => round(copies));
    const cold = median(rounds, (r) => r.cold);
    const cached = median(rounds, (r) => r.cached);
    const peer = median(rounds, (r) => r.peer);
    const where = `${plans} plans in ${copies.length} workspaces (${sdks.map((sdk) => basename(sdk)).join(", ")})`;
    return [
      {
        area: "lint",
        metric: `${metric}: ${where}, one fresh process per workspace each, median of ${RUNS}`,
        value: `${(cold / peer).toFixed(2)} (${cold.toFixed(0)} ms / ${peer.toFixed(0)} ms)`,
        target: "≤ 1.0",
        met: cold / peer <= 1,
      },
      {
        area: "lint",
        metric: `  same plans, nothing changed: re-lint from the lint cache / first lint, median of ${RUNS}`,
        value: `${(cached / cold).toFixed(2)} (${cached.toFixed(0)} ms / ${cold.toFixed(0)} ms)`,
        target: "≤ 0.2",
        met: cached / cold <= 0.2,
      },
    ];
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
