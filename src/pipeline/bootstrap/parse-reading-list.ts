import path from "node:path";
import type { List, ListItem, Paragraph } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import { type BootstrapDocument, lineOf, nodesOfType } from "./bootstrap-document.js";
import type { ReadingItem, Sourced } from "./compiled-bootstrap.js";

/**
 * The "Ground truth — read in this order" list as data: every backticked path, in order, with the
 * group it sits in ("**Spec v1.1** — …"). A folder followed by names in parentheses
 * ("`./` (`CONFORMANCE.md`, `src/`)") stands for those names inside it, so they are listed instead.
 */
const READING_LIST = /ground truth|read in this order|reading list/i;
/** In a reading list every backticked name is a path (`Gemfile`, `arcp.gemspec`, `src/`) unless it has blanks. */
const PATH_LIKE = /^[^\s§]+$/;

export function parseReadingList(doc: BootstrapDocument): ReadingItem[] {
  const section = doc.sections.find((candidate) => READING_LIST.test(candidate.title));
  const list = section?.nodes.find((node): node is List => node.type === "list");
  if (!list) return [];
  const items: ReadingItem[] = [];
  const visit = (item: ListItem, inherited: string): void => {
    const paragraph = item.children.find((child): child is Paragraph => child.type === "paragraph");
    const group = paragraph ? groupOf(paragraph) || inherited : inherited;
    if (paragraph) items.push(...pathsOf(paragraph, group));
    for (const child of item.children) {
      if (child.type === "list") for (const nested of child.children) visit(nested, group);
    }
  };
  for (const item of list.children) visit(item, "");
  return items;
}

/** The spec draft the bootstrap names: the first `../spec/…md` of the reading list, else of the text. */
export function findSpecDraft(
  doc: BootstrapDocument,
  readingList: readonly ReadingItem[],
): Sourced<string> | undefined {
  const isDraft = (value: string) => /^\.\.\/spec\/.+\.md$/.test(value);
  const listed = readingList.find((item) => isDraft(item.path));
  if (listed) return { value: listed.path, line: listed.line };
  const anywhere = nodesOfType(doc.tree.children, "inlineCode").find((code) => isDraft(code.value));
  return anywhere ? { value: anywhere.value, line: lineOf(anywhere) } : undefined;
}

/**
 * "**Spec v1.1** — …" → "Spec v1.1"; "TypeScript reference —" → "TypeScript reference". An item
 * that opens with a path ("`README.md` — gap atlas") has no group of its own.
 */
function groupOf(paragraph: Paragraph): string {
  const first = paragraph.children[0];
  if (first?.type === "strong") return nodeText(first).trim();
  if (first?.type !== "text") return "";
  return /^([^—:]+?)\s*(?:—|:)/.exec(first.value)?.[1]?.trim() ?? "";
}

function pathsOf(paragraph: Paragraph, group: string): ReadingItem[] {
  const codes = paragraph.children.filter(
    (child) => child.type === "inlineCode" && PATH_LIKE.test(child.value),
  );
  const items: ReadingItem[] = [];
  let base: string | undefined;
  for (const code of codes) {
    if (code.type !== "inlineCode") continue;
    const value = code.value.trim();
    const inBase = base !== undefined && !value.startsWith("./") && !value.startsWith("../");
    if (inBase) items.push({ group, path: path.posix.join(base!, value), line: lineOf(code) });
    else if (value.endsWith("/") && opensParenthesis(paragraph, code)) base = value;
    else items.push({ group, path: value, line: lineOf(code) });
  }
  return items;
}

/** Whether the text right after this code node opens a parenthesis: "`./` (start with …". */
function opensParenthesis(paragraph: Paragraph, code: Paragraph["children"][number]): boolean {
  const next = paragraph.children[paragraph.children.indexOf(code) + 1];
  return next?.type === "text" && /^\s*\(/.test(next.value);
}
