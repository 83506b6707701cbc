import { estimateTokens } from "../workspace/estimate-tokens.js";
import { buildPhaseKeyComponents } from "./build-phase-key-components.js";
import { describeHandEdit } from "./describe-hand-edit.js";
import { type RunInputs, readPlan } from "./load-run-inputs.js";
import { type PhaseFreshness, phaseFreshness } from "./phase-freshness.js";
import type { RunRecord } from "./run-record.js";

type Plan = Awaited<ReturnType<typeof readPlan>>;

export interface PhaseStatus {
  phase: string;
  output: string;
  freshness: PhaseFreshness;
  /** Cost of the phase's last recorded run (an interrupted one when nothing else is recorded), in US dollars. */
  lastCostUsd: number | undefined;
  /** The last attempt was interrupted after it was billed; nothing was written by it. */
  interrupted: { at: string; costUsd: number } | undefined;
  lastRunAt: string | undefined;
  lint: { errors: number; warnings: number } | undefined;
  /** Estimated tokens of the plan on disk (for estimates), undefined when there is none. */
  planTokens: number | undefined;
  /**
   * Why the plan on disk is not what arcp-plan last wrote ("edited by hand" ...): a run that
   * regenerates it keeps a copy first. Undefined when it is, or when there is no plan.
   */
  handEdit: string | undefined;
}

/** Per phase, from the files on disk and the run record: fresh / stale (why) / missing / failed. */
export async function readPhaseStatuses(inputs: RunInputs, record: RunRecord): Promise<PhaseStatus[]> {
  // Read together, but a problem is reported for the first phase in order, not the first to fail.
  const reads = await Promise.allSettled(inputs.phases.map((phase) => readPlan(inputs, phase.output)));
  const failed = reads.find((read) => read.status === "rejected");
  if (failed) throw failed.reason;
  const plans = new Map(
    inputs.phases.map((phase, index) => [phase.output, (reads[index] as PromiseFulfilledResult<Plan>).value]),
  );
  const statuses = inputs.graph.ids.map((id): PhaseStatus => {
    const phase = inputs.byId.get(id)!;
    const upstreamOutputs = inputs.graph.needsOf(id).map((need) => inputs.byId.get(need)!.output);
    const upstream: Record<string, string> = {};
    const missingUpstream: string[] = [];
    for (const output of upstreamOutputs) {
      const plan = plans.get(output);
      if (plan) upstream[output] = plan.hash;
      else missingUpstream.push(output);
    }
    const entry = record.phases[id];
    const plan = plans.get(phase.output);
    let freshness = phaseFreshness({
      entry,
      current: buildPhaseKeyComponents(inputs, id, upstream),
      outputHash: plan?.hash,
      promptSource: phase.promptSource,
    });
    if (missingUpstream.length > 0 && freshness.state !== "missing" && freshness.state !== "failed") {
      freshness = {
        state: "stale",
        reasons: missingUpstream.map((output) => `upstream ${output} is missing`),
      };
    }
    const interrupted = record.interrupted?.[id];
    if (interrupted && !entry && freshness.state === "missing") {
      // Not "never run": it ran, cost money, and was stopped before it could write anything.
      const cost = `$${interrupted.costUsd.toFixed(4)}`;
      freshness = { state: "missing", reason: `interrupted after ${cost} was billed; nothing written` };
    }
    return {
      phase: id,
      output: phase.output,
      freshness,
      lastCostUsd: entry?.costUsd ?? interrupted?.costUsd,
      interrupted: interrupted ? { at: interrupted.at, costUsd: interrupted.costUsd } : undefined,
      lastRunAt: entry?.timings.finishedAt ?? interrupted?.at,
      lint: entry?.lint,
      planTokens: plan ? estimateTokens(Buffer.byteLength(plan.text, "utf8")) : undefined,
      handEdit: describeHandEdit(entry, plan?.hash),
    };
  });
  return statuses;
}
