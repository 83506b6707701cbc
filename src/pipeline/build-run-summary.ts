import { cacheHitRate, sumUsage, type Usage } from "../llm/usage.js";
import type { PhaseSummary, RunSummary } from "./pipeline-events.js";

/**
 * Pure: the run's totals. `prefixUsers` maps each cacheable prefix to the phases that sent it; phases
 * sharing one (the fan-out) get their own hit rate, the figure the warm-up is there to raise.
 */
export function buildRunSummary(
  phases: PhaseSummary[],
  usageByPhase: ReadonlyMap<string, Usage>,
  prefixUsers: ReadonlyMap<string, string[]>,
  wallMs: number,
  interrupted: boolean,
  secrets: RunSummary["secrets"],
): RunSummary {
  const usage = sumUsage([...usageByPhase.values()]);
  const shared = [...prefixUsers.values()].filter((users) => users.length > 1).flat();
  const sharedUsage = sumUsage(
    shared.map((id) => usageByPhase.get(id)).filter((u): u is Usage => u !== undefined),
  );
  const ran = phases.filter((phase) => phase.usage !== undefined);
  return {
    phases,
    filesWritten: phases.filter((p) => p.state === "done" || p.state === "failed-lint").map((p) => p.file!),
    usage,
    costUsd: ran.reduce((sum, phase) => sum + (phase.costUsd ?? 0), 0),
    costIncomplete: ran.some((phase) => phase.costUsd === undefined),
    cacheHitRate: cacheHitRate(usage),
    sharedPrefixHitRate: shared.length > 0 ? cacheHitRate(sharedUsage) : undefined,
    wallMs,
    interrupted,
    secrets,
  };
}
