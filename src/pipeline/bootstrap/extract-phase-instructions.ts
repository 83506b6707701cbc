import type { Blockquote, Code, RootContent } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import { type BootstrapDocument, endOf, lineOf, startOf } from "./bootstrap-document.js";
import type { BootstrapProblem } from "./bootstrap-problem.js";
import type { PhaseInstructions } from "./compiled-bootstrap.js";
import type { PhaseSection } from "./find-phase-sections.js";

/**
 * The text a phase's model call is given, taken word for word from its section:
 * - after "Use this prompt verbatim:", the quoted prompt that follows (or a fenced one);
 * - a section that is one quoted prompt: that prompt;
 * - otherwise the whole section, heading included (it reads as instructions as it stands).
 * Quote markers (`> `) are removed; nothing else is changed.
 */
const VERBATIM_MARKER = /\buse\s+(?:this|the\s+following)\s+prompt\s+verbatim\b/i;

export function extractPhaseInstructions(
  doc: BootstrapDocument,
  phase: PhaseSection,
): { instructions?: PhaseInstructions; problem?: BootstrapProblem } {
  const { section } = phase;
  const nodes = section.nodes.filter((node) => node.type !== "html");
  const markerAt = nodes.findIndex(
    (node) => node.type === "paragraph" && VERBATIM_MARKER.test(nodeText(node)),
  );
  if (markerAt >= 0) {
    const prompt = nodes[markerAt + 1];
    if (prompt?.type === "blockquote" || prompt?.type === "code") {
      return { instructions: quoted(doc, prompt, "verbatim-marker", section.line) };
    }
    return {
      problem: {
        line: lineOf(nodes[markerAt]!),
        message: `phase ${phase.number} asks for a prompt to be used verbatim, but no quoted prompt follows`,
        expected: 'the prompt right after the marker, each line starting with "> " (or in a fenced block)',
      },
    };
  }
  const only = nodes.length === 1 ? nodes[0]! : undefined;
  if (only?.type === "blockquote") return { instructions: quoted(doc, only, "blockquote", section.line) };
  return {
    instructions: {
      text: doc.text.slice(section.start, section.end).trimEnd(),
      form: "section",
      verbatim: false,
      sectionLine: section.line,
      line: section.line,
      endLine: doc.lineAt(section.end),
    },
  };
}

function quoted(
  doc: BootstrapDocument,
  node: Blockquote | Code,
  form: PhaseInstructions["form"],
  sectionLine: number,
): PhaseInstructions {
  const text = node.type === "code" ? node.value : unquote(doc.text.slice(startOf(node), endOf(node)));
  // A fenced prompt's text starts on the line after its opening fence.
  const line = lineOf(node as RootContent) + (node.type === "code" ? 1 : 0);
  return {
    text: text.trimEnd(),
    form,
    verbatim: form === "verbatim-marker",
    sectionLine,
    line,
    endLine: line + text.trimEnd().split("\n").length - 1,
  };
}

/** The quoted text without its `>` markers (one space after `>` belongs to the marker). */
function unquote(source: string): string {
  return source
    .split("\n")
    .map((line) => line.replace(/^[ \t]*>[ \t]?/, ""))
    .join("\n");
}
