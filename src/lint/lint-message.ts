import { VFileMessage } from "vfile-message";

export type Severity = "error" | "warning";

/**
 * A finding: a vfile message whose place, rule id and severity are always set (reporters and the
 * repair loop rely on that). `fatal` mirrors the severity the way vfile reporters expect.
 */
export type LintMessage = VFileMessage & {
  ruleId: string;
  severity: Severity;
  line: number;
  column: number;
  /** The human sentence, e.g. "Unexpected `robust`, expected a concrete claim". */
  reason: string;
};

/** The plain shape the JSON, GitHub and SARIF reporters print. */
export interface LintMessageData {
  ruleId: string;
  severity: Severity;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

export function toMessageData(message: LintMessage): LintMessageData {
  const data: LintMessageData = {
    ruleId: message.ruleId,
    severity: message.severity,
    line: message.line,
    column: message.column,
    message: message.reason,
  };
  const end = message.place && "end" in message.place ? message.place.end : undefined;
  if (end) {
    data.endLine = end.line;
    data.endColumn = end.column;
  }
  return data;
}

/** A finding at `start` (and optionally to `end`), as every rule reports it. */
export function createLintMessage(
  reason: string,
  ruleId: string,
  severity: Severity,
  start: { line: number; column: number },
  end?: { line: number; column: number },
): LintMessage {
  const message = new VFileMessage(reason, {
    place: end ? { start, end } : start,
    ruleId,
    source: "arcp-plan",
  });
  message.fatal = severity === "error";
  return Object.assign(message, { ruleId, severity, line: start.line, column: start.column, reason });
}
