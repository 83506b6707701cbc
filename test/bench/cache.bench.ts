import { loadFixturePlans } from "../support/fixture-plans.js";
import { createPipelineWorkspace } from "../support/pipeline-workspace.js";
import { runWithToolTurns, type ToolTurnRun } from "../support/tool-turn-run.js";
import { writeWorkspaceConfig } from "../support/workspace-invariants.js";
import type { BenchRow } from "./bench-row.js";

// Issue 12: what the moving cache breakpoint saves. The same full run of the built CLI (run
// `npm run build` first) on the fixture workspace, on the default model (it thinks), with two tool
// turns per phase, is made with the breakpoint (the default) and without it (`model.cacheConversation:
// false`); the fake API's usage of each is priced at list prices. The peer is the run without it.

/** The acceptance run's two tool turns, and a longer loop, where re-sending the conversation adds up. */
const SCENARIOS = [2, 8];

export default async function cacheBench(): Promise<BenchRow[]> {
  const plans = await loadFixturePlans();
  const measure = async (toolTurns: number, cacheConversation: boolean): Promise<ToolTurnRun> => {
    const workspace = await createPipelineWorkspace();
    try {
      if (!cacheConversation) await writeWorkspaceConfig(workspace, { model: { cacheConversation } });
      const run = await runWithToolTurns({ sdk: workspace.sdk, plans, toolTurns });
      if (run.result.code !== 0)
        throw new Error(`cache bench: run exited ${run.result.code}\n${run.result.stderr}`);
      return run;
    } finally {
      await workspace.cleanup();
    }
  };
  const rows: BenchRow[] = [];
  for (const toolTurns of SCENARIOS) {
    const moving = await measure(toolTurns, true);
    const fixed = await measure(toolTurns, false);
    const saved = fixed.billedUsd - moving.billedUsd;
    const share = (run: ToolTurnRun) => `${run.followUpsReadingPrevious} of ${run.followUps}`;
    rows.push(
      {
        area: "cache",
        metric: `full run, ${toolTurns} tool turns/phase, claude-opus-5-5 (fake usage at list prices): with the moving breakpoint vs without`,
        value: `$${moving.billedUsd.toFixed(4)} vs $${fixed.billedUsd.toFixed(4)}: saves $${saved.toFixed(4)} (${((saved / fixed.billedUsd) * 100).toFixed(1)}%)`,
        target: "saves > 0",
        met: saved > 0,
      },
      {
        area: "cache",
        metric: "  follow-up calls reading the previous call's whole prompt from the cache: with / without",
        value: `${share(moving)} / ${share(fixed)}`,
        target: "all, with",
        met: moving.followUps > 0 && moving.followUpsReadingPrevious === moving.followUps,
      },
    );
  }
  return rows;
}
