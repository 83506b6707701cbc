import type { List, Nodes } from "mdast";
import { ownText } from "../concrete-items.js";
import type { LintRule } from "../lint-rule.js";

const STOP_WORDS = new Set(
  "a an and are as at be by for from in is it of on or the this that to with we our its into via per all each".split(
    " ",
  ),
);

/** Content words, crudely stemmed, so "Error handling" and "Handle errors." compare equal. */
function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [])
    .filter((word) => !STOP_WORDS.has(word) && !/^\d+$/.test(word))
    .map((word) => (word.length > 4 ? word.replace(/(?:ing|ed|es|s|e)$/, "") : word))
    .map((word) => word.slice(0, 5));
}

/** Index of the last heading (sorted by offset) that starts before `offset`, or -1. */
function lastHeadingBefore(headings: readonly { start: number }[], offset: number): number {
  let low = 0;
  let high = headings.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (headings[mid]!.start < offset) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/**
 * A bullet restates its heading when it says nothing the heading does not: every content word of the
 * bullet already appears in the heading ("## Testing" / "- Testing.").
 */
export const bulletRestatesHeading: LintRule = {
  id: "bullet-restates-heading",
  description: "No bullet that only repeats the words of its section heading.",
  check(doc, _context, report) {
    const checkList = (list: List): void => {
      const offset = list.position?.start.offset ?? 0;
      const heading = doc.headings[lastHeadingBefore(doc.headings, offset)];
      if (!heading) return;
      const headingWords = new Set(contentWords(heading.text));
      if (headingWords.size === 0) return;
      for (const item of list.children) {
        const { plain, start } = ownText(doc, item);
        const words = contentWords(plain);
        if (words.length === 0 || !words.every((word) => headingWords.has(word))) continue;
        report(
          `Unexpected bullet "${plain.trim()}" that restates its heading "${heading.text}", expected a concrete point (a decision, a path, a §)`,
          start,
        );
      }
    };
    const visit = (node: Nodes): void => {
      if (node.type === "list") checkList(node);
      if ("children" in node) for (const child of node.children as Nodes[]) visit(child);
    };
    visit(doc.tree);
  },
};
