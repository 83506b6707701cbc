import type { Nodes } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import { type BootstrapDocument, lineOf, lineOffset, nodesOfType } from "./bootstrap-document.js";
import type { DerivedCheck } from "./compiled-bootstrap.js";

/**
 * Numbers the phase states that a plan can be held to:
 * - a lettered set "(a) … (f)" in a section that names a file glob (`docs/diagrams/*.dot`): at least
 *   that many distinct files of that extension;
 * - a percentage ("Coverage floor: 87%"): the plan states it too.
 */
const GLOB = /\*\.([a-z0-9]+)$/i;
const LETTER = /\(([a-z])\)/g;
const PERCENT = /(?<![\w.])(\d{1,3})\s?%/g;

export function deriveNumberChecks(doc: BootstrapDocument, nodes: readonly Nodes[]): DerivedCheck[] {
  return [...letteredFileChecks(doc, nodes), ...percentageChecks(doc, nodes)];
}

function letteredFileChecks(doc: BootstrapDocument, nodes: readonly Nodes[]): DerivedCheck[] {
  const extension = nodesOfType(nodes, "inlineCode")
    .map((code) => GLOB.exec(code.value)?.[1])
    .find((found) => found !== undefined);
  if (extension === undefined) return [];
  for (const paragraph of nodesOfType(nodes, "paragraph")) {
    const text = nodeText(paragraph);
    const letters = [...text.matchAll(LETTER)];
    const count = consecutiveFromA(letters.map((match) => match[1]!));
    if (count < 2) continue;
    const line = lineOf(paragraph) + lineOffset(text, letters[0]!.index);
    const last = String.fromCharCode(96 + count);
    return [
      {
        check: {
          kind: "count",
          name: `the ${count} .${extension} files of the set (a)–(${last})`,
          pattern: `[\\w./-]+\\.${extension}\\b`,
          min: count,
        },
        rule: "lettered-files",
        line,
        source: doc.lineText(line),
      },
    ];
  }
  return [];
}

/** How many letters run a, b, c, … from the start of the list. */
function consecutiveFromA(letters: readonly string[]): number {
  let count = 0;
  while (letters[count] === String.fromCharCode(97 + count)) count++;
  return count;
}

function percentageChecks(doc: BootstrapDocument, nodes: readonly Nodes[]): DerivedCheck[] {
  const checks: DerivedCheck[] = [];
  const seen = new Set<string>();
  for (const paragraph of nodesOfType(nodes, "paragraph")) {
    const text = nodeText(paragraph);
    for (const match of text.matchAll(PERCENT)) {
      const number = match[1]!;
      if (seen.has(number)) continue;
      seen.add(number);
      const line = lineOf(paragraph) + lineOffset(text, match.index);
      checks.push({
        check: {
          kind: "mentions",
          name: `the ${number}% the phase states`,
          patterns: [`(?<![\\w.])${number} ?%`],
        },
        rule: "percentage",
        line,
        source: doc.lineText(line),
      });
    }
  }
  return checks;
}
