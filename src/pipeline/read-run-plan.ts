import { buildRunPlan, type RunMode, type RunPlan } from "./build-run-plan.js";
import type { RunInputs } from "./load-run-inputs.js";
import { type PhaseStatus, readPhaseStatuses } from "./read-phase-statuses.js";
import type { RunRecord } from "./run-record.js";

/** Each phase's status with the plan's view of its freshness (stale upstreams counted), and the plan. */
export async function readRunPlan(
  inputs: RunInputs,
  record: RunRecord,
  mode: RunMode,
): Promise<{ plan: RunPlan; statuses: PhaseStatus[] }> {
  const onDisk = await readPhaseStatuses(inputs, record);
  const plan = buildRunPlan(inputs.graph, onDisk, mode);
  const planned = new Map(plan.phases.map((phase) => [phase.phase, phase.freshness]));
  return { plan, statuses: onDisk.map((status) => ({ ...status, freshness: planned.get(status.phase)! })) };
}
