import type { Nodes, Root, RootContent } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import { location } from "vfile-location";
import { parseTree } from "../../lint/plan-document.js";

/**
 * A bootstrap parsed once by the linter's markdown parser and cut into heading sections. Every later
 * reading (table, phase sections, guardrails) works on these nodes and their source offsets, so what
 * is quoted from the bootstrap is its exact text and every item knows its line.
 */
export interface BootstrapDocument {
  text: string;
  tree: Root;
  /** The first `#` heading, when there is one. */
  title: BootstrapSection | undefined;
  /** Top-level nodes after the title and before the first other heading (the persona). */
  preamble: RootContent[];
  /** Every heading but the title, in order. */
  sections: BootstrapSection[];
  lineAt: (offset: number) => number;
  /** The line's text without quote markers and surrounding blanks, for messages and `explain`. */
  lineText: (line: number) => string;
}

export interface BootstrapSection {
  depth: number;
  /** The heading's text without markup ("Phase 3 — Libraries (subagent)"). */
  title: string;
  line: number;
  /** Offset of the heading. */
  start: number;
  /** Offset after the section's last node (a closing `---` is not part of it). */
  end: number;
  /** Top-level nodes up to the next heading of the same or a shallower depth, sub-headings included. */
  nodes: RootContent[];
  /** Top-level nodes up to the next heading of any depth. */
  intro: RootContent[];
}

export function parseBootstrapDocument(text: string): BootstrapDocument {
  const tree = parseTree(text);
  const children = tree.children;
  const headingIndexes = children.flatMap((node, index) => (node.type === "heading" ? [index] : []));
  const sections = headingIndexes.map((index) => buildSection(children, index));
  const titleAt = sections.findIndex((section) => section.depth === 1);
  const title = titleAt >= 0 ? sections.splice(titleAt, 1)[0] : undefined;
  // The persona sits between the title and the next heading (or opens a document without a title).
  const preambleStart = titleAt >= 0 ? headingIndexes[titleAt]! + 1 : 0;
  const preambleEnd = headingIndexes.find((index) => index >= preambleStart) ?? children.length;
  const place = location(text);
  const lines = text.split(/\r?\n/);
  return {
    text,
    tree,
    title,
    preamble: children.slice(preambleStart, preambleEnd),
    sections,
    lineAt: (offset) => place.toPoint(Math.min(Math.max(offset, 0), text.length))?.line ?? 1,
    lineText: (line) => (lines[line - 1] ?? "").replace(/^[ \t]*(?:>[ \t]?)*/, "").trim(),
  };
}

function buildSection(children: RootContent[], index: number): BootstrapSection {
  const heading = children[index]!;
  const depth = heading.type === "heading" ? heading.depth : 6;
  let next = index + 1;
  while (next < children.length) {
    const node = children[next]!;
    if (node.type === "heading" && node.depth <= depth) break;
    next++;
  }
  let firstSub = index + 1;
  while (firstSub < next && children[firstSub]!.type !== "heading") firstSub++;
  const nodes = trimClosingRules(children.slice(index + 1, next));
  return {
    depth,
    title: nodeText(heading).trim(),
    line: heading.position?.start.line ?? 1,
    start: startOf(heading),
    end: nodes.length > 0 ? endOf(nodes.at(-1)!) : endOf(heading),
    nodes,
    intro: trimClosingRules(children.slice(index + 1, firstSub)),
  };
}

/** A `---` closing a section separates it from the next one; it is not part of either. */
function trimClosingRules(nodes: RootContent[]): RootContent[] {
  let end = nodes.length;
  while (end > 0 && nodes[end - 1]!.type === "thematicBreak") end--;
  return nodes.slice(0, end);
}

export function startOf(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

export function endOf(node: Nodes): number {
  return node.position?.end.offset ?? startOf(node);
}

export function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 1;
}

/** The exact source of a run of sibling nodes, from the first one's start to the last one's end. */
export function sourceOf(text: string, nodes: readonly Nodes[]): string {
  if (nodes.length === 0) return "";
  return text.slice(startOf(nodes[0]!), endOf(nodes.at(-1)!));
}

/** Every node of the given type under `nodes`, depth first, in document order. */
export function nodesOfType<T extends Nodes["type"]>(
  nodes: readonly Nodes[],
  type: T,
): Extract<Nodes, { type: T }>[] {
  const found: Extract<Nodes, { type: T }>[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === type) found.push(node as Extract<Nodes, { type: T }>);
    if ("children" in node) for (const child of node.children as Nodes[]) visit(child);
  };
  for (const node of nodes) visit(node);
  return found;
}

/** Lines before `index` in a paragraph's text (its soft line breaks are kept by `toString`). */
export function lineOffset(text: string, index: number): number {
  return text.slice(0, index).split("\n").length - 1;
}
