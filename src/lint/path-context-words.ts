import { toString as nodeText } from "mdast-util-to-string";
import type { PathCitation } from "./path-citation.js";
import { blockAt, headingChain, type PlanDocument, type TextBlock } from "./plan-document.js";

/*
 * What the words around a cited path say about it: proposed, called existing, said not to exist, or
 * inside a drafted README. Pure functions over the parsed plan.
 */

/** A gap matrix's state column: its "missing" is about a feature. */
const STATE_COLUMN = /\b(?:state|status)\b/i;

/** "The existing `cli/ArcpCli.java`", "the current `src/x.rs`": the words right before the path. */
const EXISTING_BEFORE = /\b(?:existing|current|today's)\s+(?:[\w-]+\s+){0,2}$/i;

/** Words that mark a path as proposed rather than existing ("new `src/arcp/heartbeat.py`"). */
const PROPOSED =
  /\b(new|proposed|propose[sd]?|adds?|added|adding|creates?|created|creating|introduc\w*|will|planned|future|target\w*|lands?|split\w*|extract\w*|moves?|renamed?|missing|not yet|to be written|open question|agree)\b/i;

/** Words before a path that say it does not exist ("there is no `sig/` directory", "without `tests/`"). */
const NEGATION_BEFORE = /\b(?:no|not|without|lacks?|absent|neither|nor|never|missing)\s+(?:[\w-]+\s+){0,2}$/i;
const NEGATION_AFTER = /^[^.;\n]{0,40}?\b(?:does not|doesn't|do not|don't|is not|isn't|never) exists?\b/i;

function rowSays(doc: PlanDocument, table: NonNullable<TextBlock["table"]>, words: RegExp): boolean {
  const [head, ...rows] = table.node.children;
  const row = table.rowIndex === 0 ? head : rows[table.rowIndex - 1];
  return (row?.children ?? []).some((cell, index) => {
    if (STATE_COLUMN.test(nodeText(head?.children[index] ?? cell))) return false;
    const start = cell.position?.start.offset ?? 0;
    return words.test(doc.proseMask.slice(start, cell.position?.end.offset ?? start));
  });
}

export function isProposed(doc: PlanDocument, offset: number): boolean {
  return blockSays(doc, offset, PROPOSED);
}

/** "The existing `cli/Main.java`": the words right before the path call it existing. */
export function calledExisting(doc: PlanDocument, citation: PathCitation): boolean {
  const before = doc.proseMask.slice(Math.max(0, citation.start - 40), citation.start).replace(/[`*_]/g, "");
  return EXISTING_BEFORE.test(before);
}

/**
 * Whether the path's block says `words`: its table row (but a state column's "missing" describes the
 * feature, not the file) and the header of its column, else its list item or paragraph.
 */
function blockSays(doc: PlanDocument, offset: number, words: RegExp): boolean {
  const block = blockAt(doc, offset);
  if (!block) return false;
  if (block.table) return rowSays(doc, block.table, words) || words.test(block.table.header);
  const range = block.listItem ? block.listItem : block;
  return words.test(doc.proseMask.slice(range.start, range.end));
}

export function isNegated(doc: PlanDocument, citation: PathCitation): boolean {
  const before = doc.proseMask.slice(Math.max(0, citation.start - 60), citation.start).replace(/[`*_]/g, "");
  const after = doc.proseMask.slice(citation.end, citation.end + 80).replace(/[`*_]/g, "");
  return NEGATION_BEFORE.test(before) || NEGATION_AFTER.test(after);
}

/** Whether a link sits in a section that drafts a README, whose links are relative to the README. */
export function inDraftedReadme(doc: PlanDocument, offset: number): boolean {
  const block = blockAt(doc, offset);
  return (
    block !== undefined && headingChain(doc, block.heading).some((heading) => /readme/i.test(heading.text))
  );
}
