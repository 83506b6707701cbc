import { compile, matches } from "../check-pattern.js";
import { escapeRegExp } from "../escape-reg-exp.js";
import type { LintContext } from "../lint-context.js";
import type { LintRule, Report } from "../lint-rule.js";
import { mentionsItem, wordRuns } from "../mentions-item.js";
import type { PlanDocument } from "../plan-document.js";
import type { StructureCheck } from "../structure-check.js";
import { checkTable } from "./phase-structure-table.js";

/**
 * Evaluates the phase's structure checks (derived from its bootstrap section, or in override files). No phase
 * is named here: the checks arrive through the context, matched to the plan by its file name.
 */
export const phaseStructure: LintRule = {
  id: "phase-structure",
  description:
    "The plan has the structure its phase declares (tables and their columns/values, required mentions, headings, code blocks, counts, workspace coverage).",
  check(doc, context, report) {
    const language = context.sdkLanguage;
    // Checks of a bootstrap written for another language (the seed, run in a Go checkout) are a good
    // guess for this SDK, not a certainty: its own bootstrap may not ask for a docs tree or a floor.
    const native =
      language === undefined ||
      context.bootstrapLanguage === undefined ||
      language === context.bootstrapLanguage;
    const hedged: Report = (reason, start, end, certainty) =>
      report(reason, start, end, native ? certainty : "doubt");
    for (const check of context.checks) {
      if (language !== undefined && check.languages && !check.languages.includes(language)) continue;
      evaluate(withLanguage(check, language ?? context.bootstrapLanguage), doc, context, hedged);
    }
  },
};

/**
 * The check with `{language}` in its patterns replaced by the SDK's language names (or the
 * bootstrap's, for an SDK not recognised; any word when neither is known).
 */
function withLanguage(check: StructureCheck, language: string | undefined): StructureCheck {
  const names = language === undefined ? "\\w+" : language.split("/").map(escapeRegExp).join("|");
  const fill = (pattern: string) => pattern.replaceAll("{language}", `(?:${names})`);
  switch (check.kind) {
    case "table":
      return { ...check, columns: check.columns.map(fill) };
    case "mentions":
    case "headings":
      return { ...check, patterns: check.patterns.map(fill) };
    case "code-block":
    case "count":
      return { ...check, pattern: fill(check.pattern) };
    case "covers":
      return check;
  }
}

function evaluate(check: StructureCheck, doc: PlanDocument, context: LintContext, report: Report): void {
  switch (check.kind) {
    case "mentions":
      for (const pattern of check.patterns) {
        if (!matches(pattern, doc.text, report))
          report(`Expected ${check.name}: nothing matches /${pattern}/`, 0);
      }
      return;
    case "headings":
      for (const pattern of check.patterns) {
        if (!doc.headings.some((heading) => matches(pattern, heading.text, report))) {
          report(`Expected ${check.name}: no heading matches /${pattern}/`, 0);
        }
      }
      return;
    case "code-block":
      if (!doc.codeBlocks.some((code) => matches(check.pattern, code.value, report))) {
        report(`Expected ${check.name}: a fenced code block matching /${check.pattern}/`, 0);
      }
      return;
    case "count": {
      const regex = compile(check.pattern, "gi");
      if (!regex) return void matches(check.pattern, "", report);
      const found = new Set(
        [...expandBraces(doc.text).matchAll(regex)].map((match) => match[0].toLowerCase()),
      );
      if (found.size < check.min) {
        report(
          `Expected ${check.name}: at least ${check.min} distinct matches of /${check.pattern}/, found ${found.size}${found.size > 0 ? ` (${[...found].join(", ")})` : ""}`,
          0,
        );
      }
      return;
    }
    case "covers": {
      const runs = wordRuns(doc.text);
      const missing = context.facts[check.items].filter(
        (item) => !mentionsItem(doc.text, item, check.items, runs),
      );
      if (missing.length > 0) {
        report(`Expected ${check.name}: no mention of ${missing.map((item) => `\`${item}\``).join(", ")}`, 0);
      }
      return;
    }
    case "table":
      checkTable(check, doc, context, report);
      return;
  }
}

/** `crates-{light,dark}.dot` → `crates-light.dot crates-dark.dot`: plans name file pairs the shell way. */
export function expandBraces(text: string): string {
  return text.replace(
    /([\w./-]*)\{([\w.-]+(?:,[\w.-]+)+)\}([\w./-]*)/g,
    (_whole, head: string, list: string, tail: string) =>
      list
        .split(",")
        .map((part) => `${head}${part}${tail}`)
        .join(" "),
  );
}
