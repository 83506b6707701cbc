import { countSeverities, type FileLintResult } from "./lint-result.js";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * Human output: one line per finding, `path:line:col  severity  message  rule-id`, grouped by file
 * under a header with the file's reading time, then totals.
 */
export function formatStylish(results: readonly FileLintResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    const minutes =
      result.readingMinutes === undefined ? "" : ` (${result.readingMinutes.toFixed(1)} min read)`;
    lines.push(`${result.file}${minutes}`);
    if (result.messages.length === 0) lines.push("  no problems");
    for (const message of result.messages) {
      lines.push(
        `${result.file}:${message.line}:${message.column}  ${message.severity.padEnd(7)}  ${message.reason}  ${message.ruleId}`,
      );
    }
    lines.push("");
  }
  const { errors, warnings } = countSeverities(results);
  const problems = errors + warnings;
  lines.push(
    problems === 0
      ? `${plural(results.length, "file")} checked, no problems`
      : `${plural(problems, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")}) in ${plural(results.length, "file")}`,
  );
  return `${lines.join("\n")}\n`;
}
