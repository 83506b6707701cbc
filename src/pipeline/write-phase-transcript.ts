import { join } from "node:path";
import type { TextBlock } from "../llm/model.js";
import { redactStrings } from "../workspace/secrets/redact-strings.js";
import type { PhaseExecution } from "./execute-phase.js";
import { sha256 } from "./sha256.js";
import { writeFileAtomically } from "./write-file-atomically.js";

export interface TranscriptInput {
  model: string;
  startedAt: Date;
  system: readonly TextBlock[];
  execution: PhaseExecution;
  /** The run's redaction, applied to every string before the transcript is written. */
  redact: (text: string) => string;
}

/**
 * Keeps each phase's exchange for debugging in `.arcp-plan/transcripts/<phase>.json`: the conversation,
 * tool calls, per-call usage and request ids, lint rounds. The system blocks (rules + bundle, large and
 * identical across phases) are kept as size and hash only. No credentials ever reach this layer, and
 * every string is redacted once more before it is written: what was sent is redacted already, but
 * the model's answers, its tool inputs and error messages are kept too.
 */
export async function writePhaseTranscript(
  stateDir: string,
  phaseId: string,
  input: TranscriptInput,
): Promise<void> {
  const { execution } = input;
  const transcript = {
    phase: phaseId,
    model: input.model,
    startedAt: input.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    outcome: execution.kind,
    ...(execution.kind === "incomplete" ? { reason: execution.reason } : {}),
    ...(execution.kind === "error"
      ? { error: execution.error instanceof Error ? execution.error.message : String(execution.error) }
      : {}),
    system: input.system.map((block) => ({
      chars: block.text.length,
      sha256: sha256(block.text),
      cacheBreakpoint: block.cacheBreakpoint === true,
    })),
    messages: execution.messages,
    calls: execution.calls,
    toolCalls: execution.toolCalls,
    lintRounds: execution.rounds,
  };
  await writeFileAtomically(
    join(stateDir, "transcripts", `${phaseId}.json`),
    `${JSON.stringify(redactStrings(transcript, input.redact), null, 2)}\n`,
  );
}
