import type { LintMessage } from "../lint-message.js";

/** The lint outcome of one file, as reporters receive it. */
export interface FileLintResult {
  /** The path to print (relative to where the user ran the command). */
  file: string;
  messages: readonly LintMessage[];
  words?: number;
  readingMinutes?: number;
}

export function countSeverities(results: readonly FileLintResult[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const message of result.messages) {
      if (message.severity === "error") errors++;
      else warnings++;
    }
  }
  return { errors, warnings };
}
