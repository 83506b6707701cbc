import type { SpecIndex } from "../lint-context.js";
import type { LintRule } from "../lint-rule.js";
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

export const specSections: LintRule = {
  id: "spec-sections",
  description:
    "Every § that refers to the protocol spec names a numbered section of the v1.1 draft, or of the v1.0 draft where the text speaks of v1.0.",
  check(doc, context, report) {
    const { current, previous } = context.spec;
    if (current.sections.length === 0) return;
    for (const reference of findSectionReferences(doc, context)) {
      if (reference.target.kind !== "spec") continue;
      if (sectionNumbers(current).has(reference.number)) continue;
      const inPrevious = previous !== undefined && sectionNumbers(previous).has(reference.number);
      if (inPrevious && reference.target.speaksOfPrevious) continue;
      const reason = inPrevious
        ? `Unexpected §${reference.number}: it exists only in the v${previous!.version} draft, expected a v${current.version} section or a sentence that says it means v${previous!.version}`
        : `Unexpected §${reference.number}, expected a numbered section of ${describe(current)}${previous ? ` or, when the text speaks of v${previous.version}, of the v${previous.version} draft` : ""}`;
      report(reason, reference.start, reference.end);
    }
  },
};
