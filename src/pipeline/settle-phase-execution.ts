import { join } from "node:path";
import type { TextBlock } from "../llm/model.js";
import type { Usage } from "../llm/usage.js";
import { buildPhaseRecordEntry } from "./build-phase-record-entry.js";
import type { PhaseExecution } from "./execute-phase.js";
import { keepEditedPlan } from "./keep-edited-plan.js";
import type { RunInputs } from "./load-run-inputs.js";
import type { PhaseDefinition } from "./phase-definition.js";
import type { PhaseKeyComponents } from "./phase-key.js";
import type { PhaseSummary } from "./pipeline-events.js";
import type { KeptCopy, PhaseRunRecord } from "./run-record.js";
import { writeFileAtomically } from "./write-file-atomically.js";
import { writePhaseTranscript } from "./write-phase-transcript.js";

export interface SettleInput {
  inputs: RunInputs;
  phase: PhaseDefinition;
  model: string;
  components: PhaseKeyComponents;
  system: readonly TextBlock[];
  execution: PhaseExecution;
  usage: Usage;
  costUsd: number | undefined;
  startedAt: Date;
  /** Stopped by the user mid-phase: keep the transcript, record nothing (an earlier entry stays valid). */
  interrupted: boolean;
  /** The phase's run-record entry before this run (what arcp-plan last wrote, for hand-edit checks). */
  previous: PhaseRunRecord | undefined;
  /** This run's folder name under `kept/` (`keptFolderName`). */
  keptFolder: string;
  /** Persists the phase's run-record entry and, when a hand edit was kept, the copy (serialised by the caller). */
  saveRecord: (entry: PhaseRunRecord, kept?: KeptCopy) => Promise<void>;
}

export type SettledPhase = Pick<
  PhaseSummary,
  "state" | "file" | "errors" | "warnings" | "reason" | "kept"
> & {
  /** The transcript and the run-record entry, still being written; the run awaits them before it ends. */
  persisted: Promise<void>;
};

/**
 * Puts a finished phase on disk: the transcript always; the plan (atomically) when there is a whole
 * document, with lint errors or not; the run-record entry. A failed phase writes no plan, so the
 * previous good one stays. A plan on disk that is not what arcp-plan last wrote (a hand edit) is
 * copied under `kept/` first, and nothing is overwritten when that copy fails. Returns once the plan is on disk, so dependent phases can start; the
 * transcript and the record entry finish in `persisted`.
 */
export async function settlePhaseExecution(input: SettleInput): Promise<SettledPhase> {
  const { inputs, phase, execution } = input;
  const transcript = writePhaseTranscript(inputs.stateDir, phase.id, {
    model: input.model,
    startedAt: input.startedAt,
    system: input.system,
    execution,
    redact: (text) => inputs.secrets.redact(text).text,
  });
  // Awaited through `persisted`; until then a failure must not surface as unhandled.
  transcript.catch(() => undefined);
  const persisted = (record?: Promise<void>) => Promise.all([transcript, record]).then(() => undefined);
  const common = {
    components: input.components,
    execution,
    usage: input.usage,
    costUsd: input.costUsd,
    startedAt: input.startedAt,
  };
  if (execution.kind !== "document" && input.interrupted) {
    return { state: "aborted", reason: "interrupted", persisted: persisted() };
  }
  if (execution.kind !== "document") {
    // Error messages can quote what a server or a tool saw; the record is kept on disk.
    const failure = inputs.secrets.redact(
      execution.kind === "incomplete" ? execution.reason : describeError(execution.error),
    ).text;
    const record = input.saveRecord(buildPhaseRecordEntry({ state: "failed", failure, ...common }));
    return { state: "failed", reason: failure, persisted: persisted(record) };
  }
  const text = execution.text.endsWith("\n") ? execution.text : `${execution.text}\n`;
  let kept: KeptCopy | undefined;
  try {
    kept = await keepEditedPlan({
      inputs,
      phaseId: phase.id,
      output: phase.output,
      entry: input.previous,
      folder: input.keptFolder,
    });
    await writeFileAtomically(join(inputs.workspace.outDir, phase.output), text);
  } catch (error) {
    await transcript.catch(() => undefined);
    throw error;
  }
  const warnings = execution.report.messages.length - execution.errors;
  const state = execution.errors === 0 ? "done" : "failed-lint";
  const record = input.saveRecord(
    buildPhaseRecordEntry({ state, text, errors: execution.errors, warnings, ...common }),
    kept,
  );
  const repairs = Math.max(0, execution.rounds.length - 1);
  return {
    persisted: persisted(record),
    state,
    file: `${inputs.outViewDir}/${phase.output}`,
    errors: execution.errors,
    warnings,
    ...(kept ? { kept } : {}),
    ...(state === "failed-lint"
      ? { reason: `${execution.errors} lint error(s) left after ${repairs} repair round(s)` }
      : {}),
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
