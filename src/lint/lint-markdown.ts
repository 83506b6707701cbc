import { ALL_RULES } from "./all-rules.js";
import { parseDisableDirectives } from "./disable-directives.js";
import type { LintContext } from "./lint-context.js";
import { createLintMessage, type LintMessage } from "./lint-message.js";
import { type PlanDocument, parsePlanDocument } from "./plan-document.js";
import { measureReadingTime } from "./rules/reading-time.js";

export interface LintReport {
  messages: LintMessage[];
  /** Words counted for reading time (prose, lists, tables; fenced code excluded). */
  words: number;
  readingMinutes: number;
}

/** Lints one plan: parse once, run every enabled rule over the same tree, drop disabled findings. */
export function lintDocument(text: string, context: LintContext): LintReport {
  return lintParsedDocument(parsePlanDocument(text), context);
}

/** `lintDocument` for a plan the caller has parsed already (e.g. to read its headings first). */
export function lintParsedDocument(doc: PlanDocument, context: LintContext): LintReport {
  const isDisabled = parseDisableDirectives(doc);
  const messages: LintMessage[] = [];
  for (const rule of ALL_RULES) {
    const severity = context.settings.severities[rule.id];
    if (severity === "off") continue;
    rule.check(doc, context, (reason, start, end, certainty = "sure") => {
      const from = doc.toPoint(start);
      if (isDisabled(rule.id, from.line)) return;
      const to = end === undefined ? undefined : doc.toPoint(end);
      const capped = certainty === "doubt" && severity === "error" ? "warning" : severity;
      messages.push(createLintMessage(reason, rule.id, capped, from, to));
    });
  }
  messages.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  const { words, minutes } = measureReadingTime(doc, context.settings.wordsPerMinute);
  return { messages, words, readingMinutes: minutes };
}

/** The messages of `lintDocument`, for callers that need nothing else. */
export function lintMarkdown(text: string, context: LintContext): LintMessage[] {
  return lintDocument(text, context).messages;
}
