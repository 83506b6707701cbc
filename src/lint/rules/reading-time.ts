import type { Nodes } from "mdast";
import type { LintRule } from "../lint-rule.js";
import type { PlanDocument } from "../plan-document.js";

/**
 * Counts the words a reviewer reads: prose, headings, list items, table cells and inline code.
 * Fenced and indented code blocks, HTML comments and front matter are excluded — reviewers skim code,
 * and counting it would push plans to drop the code sketches the phases ask for.
 */
export function measureReadingTime(
  doc: PlanDocument,
  wordsPerMinute: number,
): { words: number; minutes: number } {
  const words = readerWords(doc);
  return { words, minutes: words / wordsPerMinute };
}

// The rule and the report both need the count; the tree is walked once per document.
const wordCounts = new WeakMap<PlanDocument, number>();

function readerWords(doc: PlanDocument): number {
  const cached = wordCounts.get(doc);
  if (cached !== undefined) return cached;
  let words = 0;
  const visit = (node: Nodes): void => {
    if (node.type === "code" || node.type === "html" || node.type === "yaml") return;
    if (node.type === "text" || node.type === "inlineCode") words += countWords(node.value);
    if ("children" in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(doc.tree);
  wordCounts.set(doc, words);
  return words;
}

/**
 * A word is a whitespace-separated token with a letter or digit in it. Each match starts at a token's
 * first letter or digit and runs to the token's end, so a token is counted once, without splitting.
 */
const WORD = /[\p{L}\p{N}]\S*/gu;

function countWords(text: string): number {
  let count = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) count++;
  return count;
}

export const readingTime: LintRule = {
  id: "reading-time",
  description: "A plan must read in under the minute budget (default 8 minutes at 238 words per minute).",
  check(doc, context, report) {
    const { wordsPerMinute, maxMinutes } = context.settings;
    const { words, minutes } = measureReadingTime(doc, wordsPerMinute);
    if (minutes < maxMinutes) return;
    const budget = Math.floor(maxMinutes * wordsPerMinute);
    report(
      `Unexpected reading time of ${minutes.toFixed(1)} minutes (${words} words at ${wordsPerMinute} wpm), expected under ${maxMinutes} minutes (fewer than ${budget} words; fenced code is not counted)`,
      0,
    );
  },
};
