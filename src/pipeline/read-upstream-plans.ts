import type { UpstreamPlan } from "./build-phase-request.js";
import { type RunInputs, readPlan } from "./load-run-inputs.js";

export interface UpstreamPlanOnDisk extends UpstreamPlan {
  hash: string;
}

/** The plans a phase needs, read from the output folder in need order; `missing` names absent phases. */
export async function readUpstreamPlans(
  inputs: RunInputs,
  phaseId: string,
): Promise<{ plans: UpstreamPlanOnDisk[]; missing: string[] }> {
  const plans: UpstreamPlanOnDisk[] = [];
  const missing: string[] = [];
  for (const need of inputs.graph.needsOf(phaseId)) {
    const output = inputs.byId.get(need)!.output;
    const plan = await readPlan(inputs, output);
    if (plan) plans.push({ output, ...plan });
    else missing.push(need);
  }
  return { plans, missing };
}
