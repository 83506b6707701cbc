/**
 * Runs the whole pipeline on a workspace through the fake API the way a thinking model with tools
 * would (two tool turns per phase, then the plan), and prints what it cost and how it used the cache:
 *
 *   npm run build
 *   cp -r /path/to/workspace /tmp/ws                     # the run writes plans: use a copy
 *   npx tsx test/support/try-tool-turn-run.ts /tmp/ws/python-sdk [plans-dir] [-- run args]
 *
 * The answers are the plans in `plans-dir` (default: the SDK's planning/v1.1, read before the run
 * and moved aside so the run starts from nothing). The same run is made a second time with the
 * moving cache breakpoint off, for comparison.
 */
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runWithToolTurns, type ToolTurnRun } from "./tool-turn-run.js";

const argv = process.argv.slice(2);
const dashes = argv.indexOf("--");
const [sdk, plansArg] = dashes === -1 ? argv : argv.slice(0, dashes);
const rest = dashes === -1 ? [] : argv.slice(dashes + 1);
if (!sdk) throw new Error("usage: try-tool-turn-run.ts <sdk-dir> [plans-dir] [-- run args]");
const plansDir = plansArg ?? join(sdk, "planning/v1.1");
const plans = new Map<string, string>();
for (const file of (await readdir(plansDir)).filter((name) => /^\d\d-.*\.md$/.test(name)).sort()) {
  plans.set(file.replace(/\.md$/, ""), await readFile(join(plansDir, file), "utf8"));
}
const keep = await mkdtemp(join(tmpdir(), "arcp-plan-plans-"));
if (!plansArg) await rename(join(sdk, "planning"), join(keep, "planning"));

const report = (label: string, run: ToolTurnRun) => {
  const s = run.summary;
  const bad = run.requests.filter((r) => (r.status ?? 0) >= 400);
  console.log(
    `== ${label}: exit ${run.result.code}, ${run.requests.length} requests, ${bad.length} refused (4xx)`,
  );
  for (const r of bad) console.log(`   ${r.phaseId}: ${r.status} ${r.error ?? ""}`);
  if (s) {
    console.log(
      `   plans written: ${s.filesWritten.length}; states: ${s.phases.map((p) => `${p.phase}=${p.state}`).join(" ")}`,
    );
    console.log(
      `   reported cost $${s.costUsd.toFixed(6)} vs fake usage at list prices $${run.billedUsd.toFixed(6)} (${(((s.costUsd - run.billedUsd) / run.billedUsd) * 100).toFixed(4)}%)`,
    );
    console.log(
      `   cache read share ${((s.cacheHitRate ?? 0) * 100).toFixed(1)}%; thinking tokens ${s.usage.thinkingTokens}`,
    );
  }
  console.log(
    `   follow-up calls reading the previous call's whole prompt: ${run.followUpsReadingPrevious} of ${run.followUps}`,
  );
};

try {
  const withMoving = await runWithToolTurns({ sdk, plans, args: rest });
  report("moving cache breakpoint (default)", withMoving);
  await rm(join(sdk, "planning"), { recursive: true, force: true });
  const config = join(sdk, "arcp-plan.config.json");
  const before = await readFile(config, "utf8").catch(() => undefined);
  const parsed = before === undefined ? {} : (JSON.parse(before) as { model?: Record<string, unknown> });
  await writeFile(
    config,
    JSON.stringify({ ...parsed, model: { ...parsed.model, cacheConversation: false } }),
  );
  const without = await runWithToolTurns({ sdk, plans, args: rest });
  if (before === undefined) await rm(config);
  else await writeFile(config, before);
  report("same run without the moving breakpoint", without);
  const saved = without.billedUsd - withMoving.billedUsd;
  console.log(
    `== the moving breakpoint saves $${saved.toFixed(6)} (${((saved / without.billedUsd) * 100).toFixed(1)}%) of this run`,
  );
} finally {
  if (!plansArg) {
    await rm(join(sdk, "planning"), { recursive: true, force: true });
    await rename(join(keep, "planning"), join(sdk, "planning"));
  }
  await rm(keep, { recursive: true, force: true });
}
