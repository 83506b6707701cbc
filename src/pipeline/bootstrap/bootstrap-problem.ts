import { ArcpPlanError } from "../../errors/arcp-plan-error.js";

/** Something the compiler could not read, with the bootstrap line and what it expected there. */
export interface BootstrapProblem {
  line: number;
  message: string;
  expected: string;
}

/**
 * One `config` error (exit 2) for every problem found, each as `FILE:LINE: message; expected ...`, so a
 * maintainer fixes them all in one pass rather than one run at a time.
 */
export function bootstrapError(sourceName: string, problems: readonly BootstrapProblem[]): ArcpPlanError {
  const lines = [...problems]
    .sort((a, b) => a.line - b.line)
    .map((problem) => `${sourceName}:${problem.line}: ${problem.message}; expected ${problem.expected}`);
  const hint = `fix ${sourceName} at the line shown (README, "Your SDK's bootstrap", says what the compiler reads), or run another bootstrap with --bootstrap FILE (config: pipeline.bootstrap)`;
  if (lines.length === 1)
    return new ArcpPlanError("config", `cannot compile the bootstrap: ${lines[0]}`, { hint });
  return new ArcpPlanError("config", `cannot compile the bootstrap ${sourceName}: ${lines.length} problems`, {
    hint,
    details: lines,
  });
}
