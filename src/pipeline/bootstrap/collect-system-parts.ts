import type { RootContent } from "mdast";
import { type BootstrapDocument, type BootstrapSection, lineOf, sourceOf } from "./bootstrap-document.js";
import type { SystemPart, SystemRole } from "./compiled-bootstrap.js";

/**
 * The bootstrap's top-level parts in document order, each given a role by its heading. Which parts go
 * into the system prompt is decided here, once: all of them except the workspace note and the phases'
 * intro, which describe how the bootstrap's author ran the phases by hand and are replaced by the tool's
 * own "how this run works". A section the compiler does not recognise is kept ("other"), never dropped.
 */
const ROLES: readonly [RegExp, SystemRole][] = [
  [/ground truth|read in this order|reading list/i, "reading-list"],
  [/operating rules/i, "operating-rules"],
  [/anti-slop|guardrail/i, "guardrails"],
  [/what good looks like/i, "what-good-looks-like"],
  [/shortlist/i, "shortlist"],
];
const NOT_IN_SYSTEM: ReadonlySet<SystemRole> = new Set(["workspace-note", "phases-intro"]);

export function collectSystemParts(
  doc: BootstrapDocument,
  phaseSections: readonly BootstrapSection[],
): SystemPart[] {
  const parts: SystemPart[] = [...preambleParts(doc)];
  const depth = Math.min(...doc.sections.map((section) => section.depth));
  for (const section of doc.sections) {
    if (section.depth !== depth || phaseSections.includes(section)) continue;
    const holdsPhases =
      /^phases\b/i.test(section.title) ||
      phaseSections.some((phase) => phase.start > section.start && phase.start < section.end);
    const role = holdsPhases
      ? "phases-intro"
      : (ROLES.find(([pattern]) => pattern.test(section.title))?.[1] ?? "other");
    const body = holdsPhases ? section.intro : section.nodes;
    const end = body.length > 0 ? (body.at(-1)!.position?.end.offset ?? section.end) : section.end;
    parts.push(
      part(role, section.title, doc.text.slice(section.start, holdsPhases ? end : section.end), section.line),
    );
  }
  return parts;
}

/** Before the first section: the persona, and any quoted note beside it (the workspace assumption). */
function preambleParts(doc: BootstrapDocument): SystemPart[] {
  const persona = doc.preamble.filter((node) => node.type !== "blockquote" && node.type !== "thematicBreak");
  const notes = doc.preamble.filter((node) => node.type === "blockquote");
  const parts: SystemPart[] = [];
  if (persona.length > 0) parts.push(part("persona", "", joined(doc.text, persona), lineOf(persona[0]!)));
  if (notes.length > 0) parts.push(part("workspace-note", "", joined(doc.text, notes), lineOf(notes[0]!)));
  return parts;
}

function joined(text: string, nodes: readonly RootContent[]): string {
  return nodes.map((node) => sourceOf(text, [node])).join("\n\n");
}

function part(role: SystemRole, heading: string, text: string, line: number): SystemPart {
  return { role, heading, text: text.trimEnd(), inSystem: !NOT_IN_SYSTEM.has(role), line };
}
