import type { PlanHeading } from "../lint-context.js";
import type { LintRule } from "../lint-rule.js";
import { findSectionReferences, planHasSection, planLacksTopSection } from "../section-reference.js";

const PHASE_FILE = /(?<![\w./-])((?:planning\/v[\d.]+\/)?)(\d\d)-([a-z0-9-]+)\.md\b/gi;

/**
 * References between plans: phase file names must be the pipeline's own, and "`02-current-audit.md` §4"
 * must name a section that the sibling plan has (checked only once that plan exists).
 */
export const planReferences: LintRule = {
  id: "plan-references",
  description:
    "Phase file names are the pipeline's own, and references into a sibling plan's sections resolve to its headings once it exists.",
  check(doc, context, report) {
    if (context.phaseFiles.length === 0) return;
    const known = new Set(context.phaseFiles);
    // Names in prose and code spans count; fenced code (e.g. a docs tree) does not.
    const text = maskFencedCode(doc);
    for (const match of text.matchAll(PHASE_FILE)) {
      const name = `${match[2]}-${match[3]!.toLowerCase()}.md`;
      if (known.has(name)) continue;
      const suggestion = closestPhaseFile(name, context.phaseFiles);
      const inPlanningFolder = match[1] !== "";
      const followedBySection = /^`?\s?§/.test(
        text.slice(match.index + match[0].length, match.index + match[0].length + 3),
      );
      if (!suggestion && !inPlanningFolder && !followedBySection) continue;
      const start = match.index + match[1]!.length;
      report(
        `Unexpected phase file \`${name}\`, expected ${suggestion ? `\`${suggestion}\`` : `one of the pipeline's files (${context.phaseFiles.join(", ")})`}`,
        start,
        start + name.length,
      );
    }
    for (const reference of findSectionReferences(doc, context)) {
      if (reference.target.kind !== "plan" || !reference.target.file) continue;
      const headings = context.siblings.get(reference.target.file);
      if (!headings || planHasSection(headings, reference.number)) continue;
      report(
        `Unexpected §${reference.number} of \`${reference.target.file}\`${reference.target.label === reference.target.file ? "" : ` (${reference.target.label})`}, expected one of its sections: ${describeSections(headings)}`,
        reference.start,
        reference.end,
        // A plan numbers things in many ways (sub-lists, bold run-in labels); only a missing top number is sure.
        planLacksTopSection(headings, reference.number) ? "sure" : "doubt",
      );
    }
  },
};

function maskFencedCode(doc: Parameters<LintRule["check"]>[0]): string {
  // Built from pieces in one pass: re-slicing the whole text per block made long plans quadratic.
  const parts: string[] = [];
  let from = 0;
  for (const code of doc.codeBlocks) {
    const start = code.position?.start.offset ?? 0;
    const end = code.position?.end.offset ?? 0;
    if (start < from) continue;
    parts.push(doc.text.slice(from, start), doc.text.slice(start, end).replace(/[^\n]/g, " "));
    from = end;
  }
  parts.push(doc.text.slice(from));
  return parts.join("");
}

/**
 * A phase file with the same name and another number (`03-spec-delta.md` for `01-spec-delta.md`), or
 * with the same number and a shared word or a small edit distance: likely a typo.
 */
function closestPhaseFile(name: string, phaseFiles: readonly string[]): string | undefined {
  const renumbered = phaseFiles.find((file) => file.slice(3) === name.slice(3));
  if (renumbered) return renumbered;
  const [number, ...rest] = name.replace(/\.md$/, "").split("-");
  const words = new Set(rest);
  for (const file of phaseFiles) {
    const [fileNumber, ...fileRest] = file.replace(/\.md$/, "").split("-");
    if (fileNumber !== number) continue;
    if (fileRest.some((word) => word.length > 3 && words.has(word))) return file;
    if (editDistance(rest.join("-"), fileRest.join("-")) <= 3) return file;
  }
  return undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function describeSections(headings: readonly PlanHeading[]): string {
  const listed = headings
    .filter((heading) => heading.depth === 2 && heading.kind === undefined)
    .map((heading) => `"${heading.text}"`);
  return listed.length > 0 ? listed.join(", ") : "(it has no ## headings)";
}
