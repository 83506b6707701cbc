import type { SpecIndex } from "../lint-context.js";
import type { LintRule } from "../lint-rule.js";
import { headingNumber, type PlanDocument, planHeadings } from "../plan-document.js";
import { findSectionReferences } from "../section-reference.js";

const numbersCache = new WeakMap<SpecIndex["sections"], Set<string>>();

function sectionNumbers(spec: SpecIndex): Set<string> {
  let numbers = numbersCache.get(spec.sections);
  if (!numbers) {
    numbers = new Set(spec.sections.map((section) => section.number.replace(/\.$/, "")));
    numbersCache.set(spec.sections, numbers);
  }
  return numbers;
}

function describe(spec: SpecIndex): string {
  const top = [...sectionNumbers(spec)].filter((number) => /^\d+$/.test(number)).map(Number);
  const range = top.length > 0 ? ` (§${Math.min(...top)}–§${Math.max(...top)} and their subsections)` : "";
  return `the v${spec.version} draft${spec.viewPath ? ` \`${spec.viewPath}\`` : ""}${range}`;
}

/** Whether the current draft marks `number` or a section enclosing it as unchanged from the previous version. */
function unchangedInCurrent(current: SpecIndex, number: string): boolean {
  const parts = number.split(".");
  for (let length = parts.length; length >= 1; length--) {
    const prefix = parts.slice(0, length).join(".");
    if (current.sections.some((section) => section.unchanged && section.number.replace(/\.$/, "") === prefix))
      return true;
  }
  return false;
}

/** The plan's own numbered headings ("## 3. Risks", "### 3.3 Host checks") and numbered list items ("3.6"). */
function ownNumbers(doc: PlanDocument): Set<string> {
  const numbers = new Set<string>();
  for (const anchor of planHeadings(doc)) {
    if (anchor.kind === "row") continue; // a row keyed by a spec § is the spec's number, not the plan's
    const number = anchor.kind === "item" ? anchor.text : headingNumber(anchor.text);
    if (number) numbers.add(number);
  }
  return numbers;
}

export const specSections: LintRule = {
  id: "spec-sections",
  description:
    "Every § that refers to the protocol spec names a numbered section of the draft the plans target, or of the previous version's draft where the text speaks of that version or the target keeps the section unchanged.",
  check(doc, context, report) {
    const { current, previous } = context.spec;
    if (current.sections.length === 0) return;
    let own: Set<string> | undefined;
    for (const reference of findSectionReferences(doc, context)) {
      if (reference.target.kind !== "spec") continue;
      const number = reference.number;
      if (sectionNumbers(current).has(number)) continue;
      own ??= ownNumbers(doc);
      if (own.has(number)) continue; // the plan's own section
      const inPrevious = previous !== undefined && sectionNumbers(previous).has(number);
      if (inPrevious && reference.target.speaksOfPrevious) continue;
      // The target draft keeps the enclosing section unchanged, so its previous subsections still hold.
      if ((inPrevious || previous === undefined) && unchangedInCurrent(current, number)) continue;
      if (inPrevious) {
        report(
          `Unexpected §${number}: it exists only in the v${previous!.version} draft, expected a v${current.version} section or a sentence that says it means v${previous!.version}`,
          reference.start,
          reference.end,
          "doubt",
        );
      } else if (previous === undefined) {
        // Without the previous draft in the workspace an old number cannot be told from a wrong one.
        report(
          `Unexpected §${number}, expected a numbered section of ${describe(current)}; the workspace has no draft of an earlier version to check it against`,
          reference.start,
          reference.end,
          "doubt",
        );
      } else {
        report(
          `Unexpected §${number}, expected a numbered section of ${describe(current)} or, when the text speaks of v${previous.version}, of the v${previous.version} drafts`,
          reference.start,
          reference.end,
        );
      }
    }
  },
};
