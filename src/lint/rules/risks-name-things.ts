import { citesSomething } from "../citation-lexicon.js";
import { blocksIn, ownText, sectionsMatching } from "../concrete-items.js";
import type { LintRule } from "../lint-rule.js";

/** Headings that open a risk list: "Risks", "3. Risks and non-goals", "Key risks", "Risk register". */
const RISK_HEADING = /^\W*(?:\d+(?:\.\d+)*[.)]?\s*)?(?:(?:top|key|main|known|open)\s+)?risks?\b/i;

/**
 * Risk entries name a concrete thing (a file, symbol, §, library, setting), never a bare
 * "performance" or "compatibility". Checks list items and table rows directly under a risk heading.
 */
export const risksNameThings: LintRule = {
  id: "risks-name-things",
  description: "Every risk entry names a concrete thing: a file, symbol, §, library or setting.",
  check(doc, context, report) {
    for (const section of sectionsMatching(doc, RISK_HEADING, true)) {
      for (const node of blocksIn(doc, section.start, section.end)) {
        if (node.type === "list") {
          for (const item of node.children) {
            const { raw, plain, start } = ownText(doc, item);
            if (citesSomething(raw, context) || namesSomethingUnlisted(plain)) continue;
            report(
              `Unexpected generic risk "${truncate(plain)}", expected a concrete thing it is about (a file, symbol, §, library or setting)`,
              start,
            );
          }
        } else if (node.type === "table") {
          for (const row of node.children.slice(1)) {
            const start = row.position?.start.offset ?? 0;
            const raw = doc.text.slice(start, row.position?.end.offset ?? start);
            if (citesSomething(raw, context) || namesSomethingUnlisted(raw)) continue;
            report(
              `Unexpected generic risk row "${truncate(raw.replace(/\|/g, " ").trim())}", expected a concrete thing it is about (a file, symbol, §, library or setting)`,
              start,
            );
          }
        }
      }
    }
  },
};

/**
 * A capitalised word inside a sentence ("Spotless", "Eclipse JDT") or a version number ("2.69") names
 * a tool or product the lexicon does not know: the risk is about something concrete.
 */
function namesSomethingUnlisted(text: string): boolean {
  return /[^.!?:|\s*_]\s+[*_]*[A-Z][A-Za-z]*[a-z][A-Za-z]*\b|\b\d+\.\d+/.test(text);
}

function truncate(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
