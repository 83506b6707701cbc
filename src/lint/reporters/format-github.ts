import type { FileLintResult } from "./lint-result.js";

// GitHub's workflow-command escaping: data escapes %, CR, LF; property values also escape : and ,.
const escapeData = (value: string) => value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (value: string) => escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** GitHub Actions annotations: `::error file=...,line=...,col=...,title=rule-id::message`. */
export function formatGithub(results: readonly FileLintResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      const properties = [
        `file=${escapeProperty(result.file)}`,
        `line=${message.line}`,
        `col=${message.column}`,
        `title=${escapeProperty(message.ruleId)}`,
      ].join(",");
      lines.push(
        `::${message.severity} ${properties}::${escapeData(`${message.reason} (${message.ruleId})`)}`,
      );
    }
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
