import { join } from "node:path";
import { toViewPath } from "../workspace/view-path.js";
import { describeHandEdit } from "./describe-hand-edit.js";
import { type RunInputs, readPlan } from "./load-run-inputs.js";
import type { KeptCopy, PhaseRunRecord } from "./run-record.js";
import { writeFileAtomically } from "./write-file-atomically.js";

export const KEPT_FOLDER = "kept";

/** Pure: one folder per run, named after its start, safe on every file system (no colons). */
export function keptFolderName(runStartedAt: Date): string {
  return runStartedAt.toISOString().replaceAll(":", "-");
}

export interface KeepEditedPlanInput {
  inputs: RunInputs;
  phaseId: string;
  output: string;
  /** The phase's run-record entry before this run touched it. */
  entry: PhaseRunRecord | undefined;
  /** `keptFolderName` of the run. */
  folder: string;
}

/**
 * Called just before a phase's plan is overwritten: when the plan on disk is not what arcp-plan last
 * wrote, copies it to `<state dir>/kept/<run start>/<file>` (atomically) and says where. Throws when
 * the copy cannot be written, so the caller never overwrites a plan it could not keep.
 */
export async function keepEditedPlan(input: KeepEditedPlanInput): Promise<KeptCopy | undefined> {
  const { inputs, output } = input;
  const plan = await readPlan(inputs, output);
  const reason = describeHandEdit(input.entry, plan?.hash);
  if (plan === undefined || reason === undefined) return undefined;
  const copy = join(inputs.stateDir, KEPT_FOLDER, input.folder, output);
  await writeFileAtomically(copy, plan.text);
  return {
    phase: input.phaseId,
    file: `${inputs.outViewDir}/${output}`,
    keptAs: toViewPath(inputs.workspace.roots, copy) ?? copy,
    reason,
    at: new Date().toISOString(),
  };
}
