import { type ArcpPlanError, isArcpPlanError } from "../errors/arcp-plan-error.js";
import type { CommandOutcome } from "./command-outcome.js";

/** The documented exit-code contract (README "Exit codes"). */
export const ExitCode = {
  ok: 0,
  problems: 1,
  couldNotRun: 2,
  interrupted: 130,
  terminated: 143,
} as const;

export function exitCodeForOutcome(outcome: CommandOutcome): number {
  return outcome.status === "ok" ? ExitCode.ok : ExitCode.problems;
}

export function exitCodeForError(error: unknown): number {
  if (isArcpPlanError(error) && error.kind === "interrupted") {
    return error.signal === "SIGTERM" ? ExitCode.terminated : ExitCode.interrupted;
  }
  return ExitCode.couldNotRun;
}

export function formatError(error: unknown): string {
  if (isArcpPlanError(error)) return formatPlanError(error);
  if (error instanceof Error) {
    return `arcp-plan: internal error: ${error.message}\n${error.stack ?? ""}\nThis is a bug; please report it with the command you ran.\n`;
  }
  return `arcp-plan: internal error: ${String(error)}\n`;
}

function formatPlanError(error: ArcpPlanError): string {
  const lines = [`arcp-plan: ${error.message}`];
  for (const detail of error.details) lines.push(`  - ${detail}`);
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  return `${lines.join("\n")}\n`;
}
