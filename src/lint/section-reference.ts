import type { LintContext, PlanHeading } from "./lint-context.js";
import { blockAt, headingChain, headingNumber, type PlanDocument } from "./plan-document.js";

/**
 * Finds every `§N(.N)*` in prose and decides what it points at. Only `spec` references are checked
 * against the drafts; references to another plan ("`02-current-audit.md` §4", "Phase 7 §3", "audit §2")
 * are checked against that plan's headings; the plan's own sections ("§1 above") and external
 * standards ("RFC 6455 §5.5", "PEP 621 §3") are left alone.
 */
export type SectionTarget =
  | { kind: "spec"; speaksOfPrevious: boolean }
  | { kind: "plan"; file: string | undefined; label: string }
  | { kind: "own" }
  | { kind: "external" };

export interface SectionReference {
  number: string;
  start: number;
  end: number;
  target: SectionTarget;
}

const SECTION = /§§?\s?(\d+(?:\.\d+)*)(?:\s?(?:[–—-]|to)\s?(?:§\s?)?(\d+(?:\.\d+)*))?/g;
const TRAILING_DECORATION = /(?:[\s`*_)\],]|['’]s)+$/;
const EXTERNAL = [
  /\b(?:RFC|PEP|BCP|STD)\s?\d+[^§]{0,24}$/i,
  /\b(?:W3C|ISO|IEC|IEEE|ECMA|IETF|WHATWG|OWASP)\b[^§.;]{0,40}$/,
  /\b(?:ASGI|WSGI|HTTP|WebSocket|OpenTelemetry|Trace Context)\s+spec(?:ification)?[^§]{0,12}$/i,
];
/** What may stand between two §s of one list: ", ", " + ", " and ", " / ". */
const LIST_JOIN = /^[\s`*_]*(?:,|\+|&|\/|and|or)[\s`*_]*$/i;
/** Hyphen parts of phase file names too generic to name a plan on their own ("spec §6" is the spec). */
const WEAK_WORDS = new Set(["spec", "current", "readme"]);

// `spec-sections` and `plan-references` both read the references of the same document and context.
const referencesCache = new WeakMap<PlanDocument, { context: LintContext; references: SectionReference[] }>();

export function findSectionReferences(doc: PlanDocument, context: LintContext): SectionReference[] {
  const cached = referencesCache.get(doc);
  if (cached?.context === context) return cached.references;
  const references = collectSectionReferences(doc, context);
  referencesCache.set(doc, { context, references });
  return references;
}

function collectSectionReferences(doc: PlanDocument, context: LintContext): SectionReference[] {
  const references: SectionReference[] = [];
  const words = planWords(context.phaseFiles);
  const previous = context.spec.previous ? versionPattern(context.spec.previous.version) : undefined;
  let last: { end: number; target: SectionTarget } | undefined;
  for (const match of doc.proseMask.matchAll(SECTION)) {
    const block = blockAt(doc, match.index);
    const blockStart = block?.start ?? match.index;
    const blockEnd = block?.end ?? match.index + match[0].length;
    const before = doc.text.slice(blockStart, match.index);
    const after = doc.text.slice(match.index + match[0].length, blockEnd);
    // "Phase 7 §3.1, §3.2 and §3.9", "`01-spec-delta.md` §3.1 + §3.2": a § listed right after another
    // points where that one does.
    const listed =
      last !== undefined && last.end > blockStart && LIST_JOIN.test(doc.text.slice(last.end, match.index));
    const target = listed ? last!.target : classify(before, after, words, context.phaseFiles);
    const resolved: SectionTarget =
      target ??
      ({
        kind: "spec",
        speaksOfPrevious:
          previous !== undefined &&
          (previous.test(sentenceAround(doc.text, blockStart, blockEnd, match.index)) ||
            (block !== undefined &&
              (headingChain(doc, block.heading).some((heading) => previous.test(heading.text)) ||
                previous.test(block.table?.header ?? "")))),
      } as const);
    last = { end: match.index + match[0].length, target: resolved };
    const first = match[1]!;
    references.push({
      number: first,
      start: match.index,
      end: match.index + 1 + first.length,
      target: resolved,
    });
    if (match[2]) {
      const offset = match.index + match[0].lastIndexOf(match[2]);
      references.push({ number: match[2], start: offset, end: offset + match[2].length, target: resolved });
    }
  }
  return references;
}

function classify(
  before: string,
  after: string,
  words: ReadonlyMap<string, string>,
  phaseFiles: readonly string[],
): SectionTarget | undefined {
  if (
    /^\s*(?:above|below)\b/i.test(after) ||
    /\b(?:this (?:plan|document|file|page)(?:['’]s)?|here)\s*$/i.test(before)
  ) {
    return { kind: "own" };
  }
  if (EXTERNAL.some((pattern) => pattern.test(before))) return { kind: "external" };
  const lead = before.replace(TRAILING_DECORATION, "");
  const file = /(?<![\w-])(\d\d-[a-z0-9-]+?)(?:\.md)?$/i.exec(lead);
  if (file) return { kind: "plan", file: `${file[1]!.toLowerCase()}.md`, label: `${file[1]}.md` };
  const phase = /\bphase\s?(\d{1,2})$/i.exec(lead);
  if (phase) return phaseTarget(phase[1]!, phaseFiles, `Phase ${phase[1]}`);
  const word = /(?<![\w-])([a-z][a-z-]+)$/i.exec(lead);
  if (word) {
    const mapped = words.get(word[1]!.toLowerCase());
    if (mapped) return { kind: "plan", file: mapped, label: word[1]! };
  }
  const of =
    /^\s*of\s+(?:the\s+)?(?:`?(\d\d-[a-z0-9-]+?)(?:\.md)?`?|phase\s?(\d{1,2})|([a-z][a-z-]+)\s+(?:plan|phase))\b/i.exec(
      after,
    );
  if (of?.[1]) return { kind: "plan", file: `${of[1].toLowerCase()}.md`, label: `${of[1]}.md` };
  if (of?.[2]) return phaseTarget(of[2], phaseFiles, `Phase ${of[2]}`);
  if (of?.[3]) {
    const mapped = words.get(of[3].toLowerCase());
    if (mapped) return { kind: "plan", file: mapped, label: of[3] };
  }
  return undefined;
}

function phaseTarget(number: string, phaseFiles: readonly string[], label: string): SectionTarget {
  const prefix = `${number.padStart(2, "0")}-`;
  return { kind: "plan", file: phaseFiles.find((file) => file.startsWith(prefix)), label };
}

/** "audit" -> 02-current-audit.md, "libraries" -> 03-libraries.md; ambiguous words are dropped. */
function planWords(phaseFiles: readonly string[]): Map<string, string> {
  const counts = new Map<string, string | null>();
  for (const file of phaseFiles) {
    const name = file.replace(/^\d+-/, "").replace(/\.md$/, "");
    for (const word of new Set([name, ...name.split("-")])) {
      if (WEAK_WORDS.has(word) || word.length < 4) continue;
      counts.set(word, counts.has(word) ? null : file);
    }
  }
  const words = new Map<string, string>();
  for (const [word, file] of counts) if (file) words.set(word, file);
  return words;
}

function versionPattern(version: string): RegExp {
  const escaped = version.replace(/\./g, "\\.");
  return new RegExp(`(?<![\\d.])v?${escaped}(?![\\d]|\\.\\d)|draft-arcp-${escaped}`, "i");
}

/** The sentence around `offset` inside the block (split on . ! ? followed by a space). */
function sentenceAround(text: string, blockStart: number, blockEnd: number, offset: number): string {
  const before = text.slice(blockStart, offset);
  const after = text.slice(offset, blockEnd);
  const start = Math.max(before.search(/[.!?]\s(?![\s\S]*[.!?]\s)/) + 1, 0);
  const stop = after.search(/[.!?](?:\s|$)/);
  return before.slice(start) + (stop < 0 ? after : after.slice(0, stop));
}

/**
 * Whether a plan has section `number`: a numbered heading, a numbered list item or a §-keyed table
 * row with that number; in a plan without numbered headings, the n-th `##` (and its m-th `###`).
 */
export function planHasSection(headings: readonly PlanHeading[], number: string): boolean {
  if (number === "0") return true; // "§0": the part before a plan's first numbered section

  if (headings.some((anchor) => anchor.kind !== undefined && anchor.text === number)) return true;
  // The title (`#`) often carries the phase number ("02 — Current audit"); sections start at `##`.
  const numbered = numberedHeadings(headings);
  if (numbered.length > 0) return numbered.includes(number);
  const [top, sub] = number.split(".").map(Number);
  const sections = headings.filter((heading) => heading.depth >= 2 && heading.kind === undefined);
  const starts = sections.flatMap((heading, index) => (heading.depth === 2 ? [index] : []));
  if (top === undefined || top < 1 || top > starts.length) return false;
  if (sub === undefined) return true;
  const end = starts[top] ?? sections.length;
  return sections.slice(starts[top - 1]! + 1, end).filter((heading) => heading.depth === 3).length >= sub;
}

/** Whether no anchor of the plan shares the reference's first number: then it is surely wrong. */
export function planLacksTopSection(headings: readonly PlanHeading[], number: string): boolean {
  const top = number.split(".")[0]!;
  const anchors = headings.filter((anchor) => anchor.kind !== undefined).map((anchor) => anchor.text);
  if (anchors.some((value) => value === top || value.startsWith(`${top}.`))) return false;
  const numbered = numberedHeadings(headings);
  if (numbered.length > 0) return !numbered.some((value) => value === top || value.startsWith(`${top}.`));
  // Unnumbered sections are counted: §9 of a plan with three `##` sections points past its end.
  const sections = headings.filter((heading) => heading.depth === 2 && heading.kind === undefined).length;
  return Number(top) > sections;
}

function numberedHeadings(headings: readonly PlanHeading[]): string[] {
  return headings
    .filter((heading) => heading.depth >= 2 && heading.kind === undefined)
    .map((heading) => headingNumber(heading.text))
    .filter((value): value is string => value !== undefined);
}
