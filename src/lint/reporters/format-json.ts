import { toMessageData } from "../lint-message.js";
import type { FileLintResult } from "./lint-result.js";

/**
 * `[{ file, messages: [{ ruleId, severity, line, column, message, endLine?, endColumn? }], words?, readingMinutes? }]`,
 * one entry per file in the order linted.
 */
export function formatJson(results: readonly FileLintResult[]): string {
  const data = results.map((result) => ({
    file: result.file,
    messages: result.messages.map(toMessageData),
    ...(result.words === undefined ? {} : { words: result.words }),
    ...(result.readingMinutes === undefined
      ? {}
      : { readingMinutes: Number(result.readingMinutes.toFixed(2)) }),
  }));
  return `${JSON.stringify(data, null, 2)}\n`;
}
