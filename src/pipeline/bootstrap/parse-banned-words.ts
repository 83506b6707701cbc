import { toString as nodeText } from "mdast-util-to-string";
import { type BootstrapDocument, endOf, nodesOfType, startOf } from "./bootstrap-document.js";
import type { BannedWord } from "./compiled-bootstrap.js";

/**
 * The banned words: the quoted words of the guardrails' "Words:" item, in order. A parenthesis right
 * after a word is its qualifier ("zero-cost" (when not actually demonstrating zero-cost via codegen))
 * and is kept as a note, so the linter can tell a conditional ban from a plain one.
 */
const GUARDRAILS = /anti-slop|guardrail/i;
const WORDS_ITEM = /^\s*(?:banned\s+)?(?:words|phrases)(?:\s+and\s+phrases)?\s*:/i;
const QUOTED = /["“]([^"”]+)["”](?:[ \t]*\(([^)]*)\))?/g;

export function parseBannedWords(doc: BootstrapDocument): BannedWord[] {
  const words: BannedWord[] = [];
  for (const section of doc.sections.filter((candidate) => GUARDRAILS.test(candidate.title))) {
    for (const item of nodesOfType(section.nodes, "listItem")) {
      const paragraph = item.children[0];
      if (paragraph?.type !== "paragraph" || !WORDS_ITEM.test(nodeText(paragraph))) continue;
      const start = startOf(paragraph);
      for (const match of doc.text.slice(start, endOf(paragraph)).matchAll(QUOTED)) {
        const note = match[2] === undefined ? undefined : squash(match[2]);
        words.push({
          word: squash(match[1]!),
          ...(note ? { note: `(${note})` } : {}),
          line: doc.lineAt(start + match.index),
        });
      }
    }
  }
  return words;
}

/** Whitespace as one space: a phrase may wrap across lines. */
function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
