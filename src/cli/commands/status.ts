import type { PipelineFlags } from "../../pipeline/pipeline-settings.js";
import { readRunPlan } from "../../pipeline/read-run-plan.js";
import { readRunRecord } from "../../pipeline/run-record.js";
import type { CommandContext, CommandOutcome } from "../command-outcome.js";
import { preparePipeline, type WorkspaceFlags } from "../prepare-pipeline.js";
import { describeSchedule } from "../render/describe-schedule.js";
import { describeFreshness, renderStatus } from "../render/render-status.js";

export interface StatusOptions extends WorkspaceFlags, Pick<PipelineFlags, "prompts"> {
  json?: boolean;
}

/**
 * `arcp-plan status`: per phase fresh / stale (why) / missing / failed, and the copies of hand edits
 * kept before a run overwrote them; exit 1 unless all are fresh.
 */
export async function statusCommand(options: StatusOptions & CommandContext): Promise<CommandOutcome> {
  const inputs = await preparePipeline(options);
  const { record, warning } = await readRunRecord(inputs.stateDir);
  const { statuses } = await readRunPlan(inputs, record, { kind: "all", force: false });
  const status = statuses.every((s) => s.freshness.state === "fresh") ? "ok" : "problems";
  if (options.json) {
    const phases = statuses.map((s) => ({
      phase: s.phase,
      file: s.output,
      state: s.freshness.state,
      why: describeFreshness(s),
      ...(s.freshness.state === "stale" ? { reasons: s.freshness.reasons } : {}),
      ...(s.freshness.state === "fresh" && s.freshness.editedByHand ? { editedByHand: true } : {}),
      lastCostUsd: s.lastCostUsd ?? null,
      interrupted: s.interrupted ?? null,
      lastRunAt: s.lastRunAt ?? null,
      lint: s.lint ?? null,
      ...(s.handEdit ? { handEdit: s.handEdit } : {}),
    }));
    const kept = record.kept ?? [];
    const schedule = { kind: inputs.settings.schedule, from: inputs.settings.scheduleFrom };
    return {
      stdout: `${JSON.stringify({ phases, kept, schedule, ...(warning ? { warning } : {}) }, null, 2)}\n`,
      status,
    };
  }
  const schedule = `schedule: ${describeSchedule(inputs.settings)}\n`;
  return { stdout: `${renderStatus(statuses, warning, record.kept ?? [])}${schedule}`, status };
}
