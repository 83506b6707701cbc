import type { Code, Heading, Html, List, ListItem, Nodes, Root, Table } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { location } from "vfile-location";
import type { PlanHeading } from "./lint-context.js";
import { findDelimiterLines, remarkGfmTable, type TableLineHint } from "./remark-gfm-table.js";
import { topLevelSectionStarts } from "./top-level-sections.js";

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

const tableHint: TableLineHint = { delimiterLines: undefined };
const processor = unified()
  .use(remarkParse)
  .use(remarkGfmTable, tableHint)
  .use(remarkFrontmatter, ["yaml", "toml"]);

/**
 * Bare `http(s)://…` URLs and e-mail addresses, which GFM autolinks: masked like a link target, so
 * words inside a URL are not prose. The parser leaves autolink literals out (see `remark-gfm-table.ts`);
 * this keeps the mask close to what it was with them. (`www.…` literals were never masked: their link
 * text differs from the `http://` URL GFM gives them.) Trailing punctuation stays prose, as in GFM.
 */
const BARE_URL = /(?<![\p{L}\p{N}_])(?:https?:\/\/[^\s<]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[\p{L}\w]+)/gu;
const URL_TRAIL = /[!"'),.:;?*_~]$/;

/** The URL without GFM's trailing punctuation; a `)` stays when it closes a `(` inside the URL. */
function trimUrlTrail(url: string): string {
  let end = url.length;
  while (end > 0 && URL_TRAIL.test(url[end - 1]!)) {
    if (url[end - 1] === ")") {
      const head = url.slice(0, end);
      if ((head.match(/\(/g) ?? []).length >= (head.match(/\)/g) ?? []).length) break;
    }
    end--;
  }
  return url.slice(0, end);
}

/**
 * Each parse sets micromark up afresh (its constructs merged, its tokenizers created), so pieces much
 * smaller than this cost more in set-up than they save; much larger ones bring back the growth that
 * cutting avoids. 2–4 KB was fastest on the bench corpus.
 */
const MIN_PIECE_CHARS = 3000;

/** The document's tree, parsed in pieces where that gives the same tree (see `top-level-sections.ts`). */
export function parseTree(text: string, minPieceChars = MIN_PIECE_CHARS): Root {
  const cuts = [{ offset: 0, line: 0 }];
  for (const start of topLevelSectionStarts(text)) {
    if (start.offset - cuts.at(-1)!.offset >= minPieceChars) cuts.push(start);
  }
  if (cuts.length === 1) return parseTreeInOnePass(text);
  const lastLineStart = text.lastIndexOf("\n") + 1;
  const root: Root = {
    type: "root",
    children: [],
    position: {
      start: { line: 1, column: 1, offset: 0 },
      end: { line: text.split("\n").length, column: text.length - lastLineStart + 1, offset: text.length },
    },
  };
  cuts.forEach((cut, index) => {
    const end = cuts[index + 1]?.offset ?? text.length;
    for (const child of parseTreeInOnePass(text.slice(cut.offset, end)).children) {
      shiftPositions(child, cut.line, cut.offset);
      root.children.push(child);
    }
  });
  return root;
}

/** The tree from one pass over the whole document (what `parseTree` must equal). */
export function parseTreeInOnePass(text: string): Root {
  // The hint is read synchronously during `parse`, so one shared processor serves every call.
  tableHint.delimiterLines = findDelimiterLines(text);
  try {
    return processor.parse(text) as Root;
  } finally {
    tableHint.delimiterLines = undefined;
  }
}

/** Moves a piece's positions to where the piece sits in the document (each point is its own object). */
function shiftPositions(node: Nodes, lines: number, offset: number): void {
  const position = node.position;
  if (position) {
    for (const point of [position.start, position.end]) {
      point.line += lines;
      point.offset = (point.offset ?? 0) + offset;
    }
  }
  if ("children" in node) for (const child of node.children as Nodes[]) shiftPositions(child, lines, offset);
}

export function parsePlanDocument(text: string): PlanDocument {
  const tree = parseTree(text);
  const blanked: [number, number][] = [];
  const blank = (start: number, end: number) => {
    if (end > start) blanked.push([start, end]);
  };
  const headings: HeadingInfo[] = [];
  const blocks: TextBlock[] = [];
  const codeBlocks: Code[] = [];
  const htmlNodes: Html[] = [];
  const headingStack: number[] = [];
  let contentStart = -1;
  let linkDepth = 0;

  const blankBareUrls = (start: number, end: number): void => {
    const source = text.slice(start, end);
    if (!source.includes("://") && !source.includes("@")) return;
    for (const match of source.matchAll(BARE_URL)) {
      blank(start + match.index, start + match.index + trimUrlTrail(match[0]).length);
    }
  };

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
      case "text":
        if (linkDepth === 0) blankBareUrls(start, end);
        break;
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
    // GFM finds no autolink literal inside a link's text.
    if (node.type === "link") linkDepth++;
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
    if (node.type === "link") linkDepth--;
  };
  walk(tree, { listItem: undefined, list: undefined, table: undefined, inBlockquote: false });

  const place = location(text);
  return {
    text,
    tree,
    proseMask: buildProseMask(text, blanked),
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

/**
 * The plan's headings as a sibling plan's references see them ("`02-current-audit.md` §4"), then its
 * numbered list items ("3.6") and its table rows keyed by a spec § ("7.6"), which real plans cite too.
 */
export function planHeadings(doc: PlanDocument): PlanHeading[] {
  const anchors: PlanHeading[] = doc.headings.map((heading) => ({
    depth: heading.depth,
    text: heading.text,
  }));
  const seen = new Set<string>();
  const add = (kind: "item" | "row", text: string) => {
    if (seen.has(`${kind}${text}`)) return;
    seen.add(`${kind}${text}`);
    anchors.push({ depth: 0, text, kind });
  };
  for (const block of doc.blocks) {
    if (block.listItem && block.list?.ordered) {
      const section = sectionNumber(doc, block.heading);
      const index = block.list.children.indexOf(block.listItem.node);
      if (section !== undefined && index >= 0) add("item", `${section}.${(block.list.start ?? 1) + index}`);
    }
    if (block.table && block.table.rowIndex > 0 && block.table.columnIndex <= 1) {
      for (const match of nodeText(block.node).matchAll(/§\s?(\d+(?:\.\d+)*)/g)) add("row", match[1]!);
    }
  }
  return anchors;
}

/** The number a heading gives itself ("3.3 Host checks", "§6.4 Heartbeats", "02. Audit" → "2"), if any. */
export function headingNumber(text: string): string | undefined {
  return /^\s*(?:§\s?)?(\d+(?:\.\d+)*)[.):]?\s/.exec(text)?.[1]?.replace(/^0+(?=\d)/, "");
}

/** The number of the section a block sits in: its heading's own number, else the index of its `##`. */
function sectionNumber(doc: PlanDocument, index: number): string | undefined {
  if (index < 0) return undefined;
  const chain = headingChain(doc, index);
  const numbered = headingNumber(chain[0]!.text);
  if (numbered) return numbered;
  const top = chain.find((heading) => heading.depth === 2);
  if (!top || top !== chain[0]) return undefined;
  return String(doc.headings.filter((heading) => heading.depth === 2).indexOf(top) + 1);
}

/** The text with the ranges blanked (spaces, newlines kept), built from slices rather than per character. */
function buildProseMask(text: string, ranges: [number, number][]): string {
  ranges.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let cursor = 0;
  for (const [rangeStart, rangeEnd] of ranges) {
    const start = Math.max(rangeStart, cursor);
    const end = Math.min(rangeEnd, text.length);
    if (end <= start) continue;
    parts.push(text.slice(cursor, start), text.slice(start, end).replace(/[^\n]/g, " "));
    cursor = end;
  }
  parts.push(text.slice(cursor));
  return parts.join("");
}
