import { escapeRegExp } from "./escape-reg-exp.js";
import { blockAt, headingChain, type PlanDocument, type TextBlock } from "./plan-document.js";

/**
 * Helpers for rules about words (banned words, "simply"/"just"): finding whole-word matches in prose
 * and telling a *use* of a word from a *mention* of it — plans legitimately quote the banned list.
 */

/** Headings of sections that talk about wording itself; their contents quote words, not use them. */
const VOICE_HEADING =
  /\b(voice|tone|wording|anti-?slop|slop|banned|forbidden|style guide|guardrails?|vocabulary)\b/i;

/** Words that mark a block as talking about words ("avoid the words ...", "banned terms"). */
const META_WORDS =
  /\b(words?|phrases?|terms?|wording|vocabulary|banned|bans?|forbid\w*|avoid\w*|reject\w*|slop|never (?:say|write|use)|no ["“'])/i;

export interface WordMatch {
  /** The pattern that matched (a banned entry, "simply" ...). */
  entry: string;
  start: number;
  end: number;
}

/** A whole-word, case-insensitive pattern; spaces and hyphens in a phrase match either. */
export function buildWordPattern(entry: string, inflect: boolean): string {
  const parts = entry
    .trim()
    .split(/[\s-]+/)
    .map((part) => escapeRegExp(part));
  const last = parts.pop() ?? "";
  // Inflections for single words: leverage -> leverages/leveraged/leveraging, robust -> robustly.
  const stem = last.endsWith("e") ? last.slice(0, -1) : last;
  const tail = inflect && parts.length === 0 ? `(?:${stem}(?:e|es|ed|ing)|${last}(?:s|ly|ness)?)` : last;
  return [...parts, tail].join("[\\s-]+");
}

export function findWords(mask: string, entries: readonly string[], inflect: boolean): WordMatch[] {
  if (entries.length === 0) return [];
  const patterns = entries.map((entry) => buildWordPattern(entry, inflect));
  const regex = new RegExp(
    `(?<![\\p{L}\\p{N}_])(?:${patterns.map((p) => `(${p})`).join("|")})(?![\\p{L}\\p{N}_]|-[\\p{L}])`,
    "giu",
  );
  const matches: WordMatch[] = [];
  for (const match of mask.matchAll(regex)) {
    const group = match.slice(1).findIndex((value) => value !== undefined);
    matches.push({
      entry: entries[group] ?? match[0],
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  return matches;
}

/** The block is in a section whose heading (or an enclosing heading) is about voice or wording. */
export function inVoiceSection(doc: PlanDocument, block: TextBlock | undefined): boolean {
  if (!block) return false;
  // The document title (`#`) names the whole plan, not a section about wording.
  return headingChain(doc, block.heading).some(
    (heading) => heading.depth > 1 && VOICE_HEADING.test(heading.text),
  );
}

/**
 * Directly wrapped in quotes: `"robust"`, “leverage” — a mention, not a use. Emphasis does not count:
 * `a **robust** design` is a use.
 */
export function isQuoted(text: string, start: number, end: number): boolean {
  const opens = /["“'‘]$/.test(text.slice(Math.max(0, start - 1), start));
  const closes = /^[,.;:!?)]?["”'’]/.test(text.slice(end, end + 2));
  return opens && closes;
}

/**
 * The unit that may restate a word list: a list item counts with its whole list (a list naming
 * several entries), otherwise the paragraph, heading or table cell.
 */
function restatementScope(block: TextBlock): { start: number; end: number } {
  if (block.list) {
    const position = block.list.position;
    return { start: position?.start.offset ?? block.start, end: position?.end.offset ?? block.end };
  }
  return { start: block.start, end: block.end };
}

/**
 * Whether the match sits where the plan quotes or restates the word list itself: a voice/anti-slop
 * section, a quoted mention, or a block or list naming at least two entries while talking about
 * words (or quoting every one of them).
 */
export function isMention(doc: PlanDocument, match: WordMatch, all: readonly WordMatch[]): boolean {
  const block = blockAt(doc, match.start);
  if (inVoiceSection(doc, block)) return true;
  if (isQuoted(doc.text, match.start, match.end)) return true;
  if (!block) return false;
  const scope = restatementScope(block);
  const inScope = all.filter((other) => other.start >= scope.start && other.end <= scope.end);
  const distinct = new Set(inScope.map((other) => other.entry.toLowerCase()));
  if (distinct.size < 2) return false;
  if (inScope.every((other) => isQuoted(doc.text, other.start, other.end))) return true;
  return META_WORDS.test(doc.proseMask.slice(scope.start, scope.end));
}
