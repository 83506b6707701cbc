import { ArcpPlanError } from "../errors/arcp-plan-error.js";
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

/** `phase <id>` runs against the plans on disk: every one it needs must be there. */
export async function requireUpstreamOnDisk(inputs: RunInputs, phaseId: string): Promise<void> {
  const { missing } = await readUpstreamPlans(inputs, phaseId);
  if (missing.length > 0) {
    throw new ArcpPlanError(
      "workspace",
      `phase ${phaseId} needs ${missing.join(", ")}, whose plan is not in ${inputs.workspace.outDir}`,
      { hint: `run 'arcp-plan phase ${missing[0]}' first, or 'arcp-plan run' for the whole pipeline` },
    );
  }
}
