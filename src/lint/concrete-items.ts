import type { ListItem, Nodes } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import type { HeadingInfo, PlanDocument } from "./plan-document.js";

/**
 * Section-scoped helpers for rules about lists under a heading ("Future work", "Risks") and about
 * a list item's own words (its paragraphs, not its nested lists).
 */
export interface SectionRange {
  heading: HeadingInfo;
  index: number;
  /** Offset where the section's content starts (after the heading) and ends (next heading of same or higher level). */
  start: number;
  end: number;
}

export function sectionsMatching(doc: PlanDocument, pattern: RegExp, nearestOnly = false): SectionRange[] {
  const sections: SectionRange[] = [];
  doc.headings.forEach((heading, index) => {
    // The `#` title names the whole plan ("10 — Risks and synthesis"), not a section.
    if (heading.depth === 1 || !pattern.test(heading.text)) return;
    const next = doc.headings.slice(index + 1).find((other) => nearestOnly || other.depth <= heading.depth);
    sections.push({ heading, index, start: heading.end, end: next?.start ?? doc.text.length });
  });
  return sections;
}

/** Top-level blocks of the tree whose start lies in [start, end). */
export function blocksIn(doc: PlanDocument, start: number, end: number): Nodes[] {
  return (doc.tree.children as Nodes[]).filter((node) => {
    const offset = node.position?.start.offset ?? -1;
    return offset >= start && offset < end;
  });
}

/** The item's own paragraphs as source text and plain text (nested lists excluded). */
export function ownText(doc: PlanDocument, item: ListItem): { raw: string; plain: string; start: number } {
  const paragraphs = item.children.filter((child) => child.type !== "list");
  const raw = paragraphs
    .map((child) => doc.text.slice(child.position?.start.offset ?? 0, child.position?.end.offset ?? 0))
    .join("\n");
  return {
    raw,
    plain: paragraphs.map((child) => nodeText(child)).join(" "),
    start: paragraphs[0]?.position?.start.offset ?? item.position?.start.offset ?? 0,
  };
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}
