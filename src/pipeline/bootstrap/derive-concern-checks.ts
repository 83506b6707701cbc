import type { List, Nodes, Paragraph } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import { type BootstrapDocument, lineOf, nodesOfType } from "./bootstrap-document.js";
import { anyNamePattern, candidateNames } from "./candidate-names.js";
import type { DerivedCheck } from "./compiled-bootstrap.js";

/**
 * A "Concerns:" list whose items name candidates ("- Schema/validation: `pydantic v2` vs `msgspec`")
 * asks for one pick per concern, so the plan must name at least one candidate of each. Candidates are
 * the item's backticked names and the bare words around "vs" ("Jackson (…) vs Gson vs JSON-B").
 * Items without a candidate give no check.
 */
const CONCERNS = /^\s*concerns\b/i;

export function deriveConcernChecks(doc: BootstrapDocument, nodes: readonly Nodes[]): DerivedCheck[] {
  const checks: DerivedCheck[] = [];
  for (const list of concernLists(nodes)) {
    for (const item of list.children) {
      // A wrapped line starting with "+ `Name`" opens a nested list: the item is all of its paragraphs.
      const paragraphs = nodesOfType([item], "paragraph");
      if (paragraphs.length === 0) continue;
      const names = [
        ...new Set(paragraphs.flatMap((paragraph) => [...codeNames(paragraph), ...versusWords(paragraph)])),
      ];
      if (names.length === 0) continue;
      const line = lineOf(item);
      checks.push({
        check: {
          kind: "mentions",
          name: `a pick for the concern "${labelOf(paragraphs[0]!)}"`,
          patterns: [anyNamePattern(names)],
        },
        rule: "concern-list",
        line,
        source: doc.lineText(line),
      });
    }
  }
  return checks;
}

/** Lists right after a paragraph that opens with "Concerns", at any depth (quoted prompts too). */
function concernLists(nodes: readonly Nodes[]): List[] {
  const lists: List[] = [];
  const visit = (siblings: readonly Nodes[]): void => {
    siblings.forEach((node, index) => {
      const next = siblings[index + 1];
      if (node.type === "paragraph" && CONCERNS.test(nodeText(node)) && next?.type === "list")
        lists.push(next);
      if ("children" in node) visit(node.children as Nodes[]);
    });
  };
  visit(nodes);
  return lists;
}

function codeNames(paragraph: Paragraph): string[] {
  return paragraph.children.flatMap((child) =>
    child.type === "inlineCode" ? candidateNames(child.value) : [],
  );
}

/** Bare names next to "vs": the last word before it and the first word after it, outside parentheses. */
function versusWords(paragraph: Paragraph): string[] {
  const text = paragraph.children
    .map((child) => (child.type === "inlineCode" ? "\u0000" : nodeText(child)))
    .join("")
    .replace(/\([^()]*\)/g, " ");
  const afterLabel = text.slice(text.indexOf(":") + 1);
  const parts = afterLabel.split(/\s+vs\.?\s+/i);
  if (parts.length < 2) return [];
  return parts.flatMap((part, index) => {
    if (part.includes("\u0000")) return [];
    const words = part.trim().split(/\s+/);
    const word = (index === parts.length - 1 ? words[0] : words.at(-1)) ?? "";
    const name = word.replace(/^[^\w]+|[^\w+#-]+$/g, "");
    return name.length >= 2 ? [name] : [];
  });
}

function labelOf(paragraph: Paragraph): string {
  const text = nodeText(paragraph).replace(/\s+/g, " ").trim();
  const colon = text.indexOf(":");
  return colon > 0 && colon <= 60 ? text.slice(0, colon) : text.split(" ").slice(0, 5).join(" ");
}
