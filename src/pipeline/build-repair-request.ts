import type { LintMessage } from "../lint/lint-message.js";
import type { Message } from "../llm/model.js";

/**
 * The follow-up turn that sends lint findings back: each error with its rule, place, message and the
 * offending line, and a request for the whole corrected file (the saved file is the final text, so a
 * diff would not do). Warnings are not sent: they are the linter's doubts (on the real plans most of
 * them are wrong), and a model asked to "fix" correct text makes the plan worse. Pure.
 */
export function buildRepairRequest(
  text: string,
  messages: readonly LintMessage[],
  outputPath: string,
): Message {
  const lines = text.split("\n");
  const errors = messages.filter((message) => message.severity === "error");
  const describe = (message: LintMessage) => {
    const source = lines[message.line - 1]?.trim();
    const quoted = source ? `\n  > ${source.length > 200 ? `${source.slice(0, 200)}...` : source}` : "";
    return `- line ${message.line}:${message.column} [${message.ruleId}] ${message.reason}${quoted}`;
  };
  const parts = [
    `The linter found ${errors.length} error${errors.length === 1 ? "" : "s"} in \`${outputPath}\`. Fix every error below, keep everything that was not flagged, and answer with the whole corrected file: the complete markdown document and nothing else (no diff, no commentary, no code fence around it).`,
    `Errors:\n${errors.map(describe).join("\n")}`,
  ];
  return { role: "user", content: [{ type: "text", text: `${parts.join("\n\n")}\n` }] };
}
