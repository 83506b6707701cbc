import type { LintRule } from "../lint-rule.js";

const OPENER = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Fences must close, and a fence opened inside another with the same marker is an error: the inner
 * block's closing line ends the outer block early, and the plan's later headings render as code.
 */
export const fencesBalanced: LintRule = {
  id: "fences-balanced",
  description:
    "Code fences are closed, and no fence is nested inside another with the same marker (which turns later headings into code).",
  check(doc, _context, report) {
    for (const code of doc.codeBlocks) {
      const start = code.position?.start.offset ?? 0;
      const end = code.position?.end.offset ?? start;
      const source = doc.text.slice(start, end);
      const lines = source.split("\n");
      const opener = OPENER.exec(lines[0] ?? "");
      if (!opener) continue; // indented code has no fence
      const marker = opener[1]!;
      const openLine = doc.toPoint(start).line;
      const last = lines.length > 1 ? (lines.at(-1) ?? "") : "";
      const closer = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(last);
      const closed = closer !== null && closer[1]![0] === marker[0] && closer[1]!.length >= marker.length;
      let offset = start + (lines[0]?.length ?? 0) + 1;
      for (const line of lines.slice(1, closed ? -1 : undefined)) {
        const inner = OPENER.exec(line);
        if (
          inner &&
          isFenceOpener(inner[1]!, inner[2]!) &&
          inner[1]![0] === marker[0] &&
          inner[1]!.length >= marker.length &&
          inner[2]!.trim() !== ""
        ) {
          report(
            `Unexpected fence "${inner[1]}${inner[2]!.trim()}" inside the fence opened at line ${openLine}, expected a longer outer fence ("${marker[0]!.repeat(inner[1]!.length + 1)}"): the inner closing fence ends the outer block early`,
            offset,
            offset + line.length,
          );
        }
        offset += line.length + 1;
      }
      if (!closed) {
        const headings = lines.slice(1).filter((line) => /^#{1,6}\s/.test(line)).length;
        report(
          `Unexpected unclosed fence "${marker}" opened at line ${openLine}, expected a closing "${marker}"${headings > 0 ? ` (it swallows ${headings} heading${headings === 1 ? "" : "s"} into code)` : ""}`,
          start,
          start + (lines[0]?.length ?? 0),
        );
      }
    }
  },
};

/** CommonMark: a backtick fence's info string may not contain a backtick (that line is text). */
function isFenceOpener(marker: string, info: string): boolean {
  return marker[0] !== "`" || !info.includes("`");
}
