import type { Code, Heading, Html, List, ListItem, Nodes, Root, Table } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { location } from "vfile-location";

/**
 * A plan parsed once and indexed for every rule: the mdast tree, its headings and text blocks with
 * source offsets, and a "prose mask" — the source with code, HTML, front matter and link targets
 * blanked out (same length, newlines kept) so rules can run regular expressions over prose and still
 * report exact positions.
 */
export interface HeadingInfo {
  node: Heading;
  depth: number;
  text: string;
  start: number;
  end: number;
  /** Index of the enclosing (shallower) heading, or -1. */
  parent: number;
}

export interface TableContext {
  node: Table;
  /** 0 for the header row. */
  rowIndex: number;
  columnIndex: number;
  /** Text of the header cell of this column. */
  header: string;
  rowStart: number;
  rowEnd: number;
}

/** A leaf block of prose: a paragraph, a heading or a table cell. */
export interface TextBlock {
  kind: "paragraph" | "heading" | "tableCell";
  node: Nodes;
  start: number;
  end: number;
  /** Index into `headings` of the section this block sits in (-1 before the first heading). */
  heading: number;
  listItem: { node: ListItem; start: number; end: number } | undefined;
  list: List | undefined;
  table: TableContext | undefined;
  inBlockquote: boolean;
}

export interface PlanDocument {
  text: string;
  tree: Root;
  proseMask: string;
  headings: HeadingInfo[];
  blocks: TextBlock[];
  /** Fenced and indented code blocks, in order. */
  codeBlocks: Code[];
  htmlNodes: Html[];
  /** Offset of the first node that is not front matter or an HTML comment. */
  contentStart: number;
  toPoint: (offset: number) => { line: number; column: number };
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ["yaml", "toml"]);

export function parsePlanDocument(text: string): PlanDocument {
  const tree = processor.parse(text) as Root;
  const mask = text.split("");
  const blank = (start: number, end: number) => {
    for (let i = start; i < end && i < mask.length; i++) if (mask[i] !== "\n") mask[i] = " ";
  };
  const headings: HeadingInfo[] = [];
  const blocks: TextBlock[] = [];
  const codeBlocks: Code[] = [];
  const htmlNodes: Html[] = [];
  const headingStack: number[] = [];
  let contentStart = -1;

  interface Frame {
    listItem: TextBlock["listItem"];
    list: List | undefined;
    table: TableContext | undefined;
    inBlockquote: boolean;
  }

  const walk = (node: Nodes, frame: Frame): void => {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    switch (node.type) {
      case "yaml":
      case "code":
      case "html":
      case "inlineCode":
      case "image":
      case "imageReference":
      case "definition":
        if (node.type === "code") codeBlocks.push(node);
        if (node.type === "html") htmlNodes.push(node);
        blank(start, end);
        return;
      case "link": {
        const first = node.children[0];
        const last = node.children.at(-1);
        const childText = nodeText(node);
        const autolink = childText === node.url || `mailto:${childText}` === node.url;
        if (!first || !last || autolink) blank(start, end);
        else blank(last.position?.end.offset ?? start, end);
        if (autolink) return;
        break;
      }
      case "heading": {
        while (headingStack.length > 0 && headings[headingStack.at(-1)!]!.depth >= node.depth)
          headingStack.pop();
        headings.push({
          node,
          depth: node.depth,
          text: nodeText(node),
          start,
          end,
          parent: headingStack.at(-1) ?? -1,
        });
        headingStack.push(headings.length - 1);
        blocks.push({ kind: "heading", node, start, end, heading: headings.length - 1, ...frame });
        break;
      }
      case "paragraph":
        blocks.push({ kind: "paragraph", node, start, end, heading: headings.length - 1, ...frame });
        break;
      case "tableCell":
        blocks.push({ kind: "tableCell", node, start, end, heading: headings.length - 1, ...frame });
        break;
      case "table": {
        const headerCells = node.children[0]?.children.map((cell) => nodeText(cell)) ?? [];
        node.children.forEach((row, rowIndex) => {
          row.children.forEach((cell, columnIndex) => {
            walk(cell, {
              ...frame,
              table: {
                node,
                rowIndex,
                columnIndex,
                header: headerCells[columnIndex] ?? "",
                rowStart: row.position?.start.offset ?? 0,
                rowEnd: row.position?.end.offset ?? 0,
              },
            });
          });
        });
        return;
      }
      default:
        break;
    }
    if (contentStart < 0 && node.type !== "root") contentStart = start;
    if (!("children" in node)) return;
    for (const child of node.children as Nodes[]) {
      let next = frame;
      if (node.type === "list") next = { ...frame, list: node };
      if (child.type === "listItem") {
        next = {
          ...next,
          listItem: {
            node: child,
            start: child.position?.start.offset ?? 0,
            end: child.position?.end.offset ?? 0,
          },
        };
      }
      if (node.type === "blockquote") next = { ...next, inBlockquote: true };
      walk(child, next);
    }
  };
  walk(tree, { listItem: undefined, list: undefined, table: undefined, inBlockquote: false });

  const place = location(text);
  return {
    text,
    tree,
    proseMask: mask.join(""),
    headings,
    blocks,
    codeBlocks,
    htmlNodes,
    contentStart: Math.max(contentStart, 0),
    toPoint: (offset) => {
      const point = place.toPoint(Math.min(Math.max(offset, 0), text.length));
      return point ? { line: point.line, column: point.column } : { line: 1, column: 1 };
    },
  };
}

/** The innermost text block containing `offset` (blocks are sorted and do not overlap). */
export function blockAt(doc: PlanDocument, offset: number): TextBlock | undefined {
  let low = 0;
  let high = doc.blocks.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const block = doc.blocks[mid]!;
    if (offset < block.start) high = mid - 1;
    else if (offset >= block.end) low = mid + 1;
    else return block;
  }
  return undefined;
}

/** The heading at `index` and every heading enclosing it, innermost first. */
export function headingChain(doc: PlanDocument, index: number): HeadingInfo[] {
  const chain: HeadingInfo[] = [];
  for (let i = index; i >= 0; i = doc.headings[i]!.parent) chain.push(doc.headings[i]!);
  return chain;
}
