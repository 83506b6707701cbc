import type { BootstrapDocument, BootstrapSection } from "./bootstrap-document.js";
import type { BootstrapProblem } from "./bootstrap-problem.js";
import type { PhaseTableRow } from "./parse-phase-table.js";

/**
 * The "Phase N — Title (owner)" sections, matched to the table's rows by number. A row without a
 * section and a section without a row are both problems: the compiler never invents or drops a phase.
 */
export interface PhaseSection {
  number: number;
  title: string;
  section: BootstrapSection;
}

const PHASE_HEADING = /^phase\s+(\d+)\b\s*(?:[—–:.-]+\s*)?(.*)$/i;

export function findPhaseSections(
  doc: BootstrapDocument,
  rows: readonly PhaseTableRow[],
): { sections: Map<number, PhaseSection>; problems: BootstrapProblem[] } {
  const sections = new Map<number, PhaseSection>();
  const problems: BootstrapProblem[] = [];
  const numbers = new Set(rows.map((row) => row.number));
  for (const section of doc.sections) {
    const match = PHASE_HEADING.exec(section.title);
    if (!match) continue;
    const number = Number(match[1]);
    const title = match[2]!.replace(/\s*\([^)]*\)\s*$/, "").trim() || `Phase ${number}`;
    const earlier = sections.get(number);
    if (earlier) {
      problems.push({
        line: section.line,
        message: `a second section for phase ${number} (the first is at line ${earlier.section.line})`,
        expected: "one section per phase",
      });
    } else if (!numbers.has(number)) {
      problems.push({
        line: section.line,
        message: `section "${section.title}" has no row in the phase table`,
        expected: `a table row for phase ${number}, or a heading naming a phase the table lists`,
      });
    } else sections.set(number, { number, title, section });
  }
  for (const row of rows) {
    if (sections.has(row.number)) continue;
    problems.push({
      line: row.line,
      message: `phase ${row.number} (${row.outputPath}) has no section`,
      expected: `a heading "### Phase ${row.number} — Title" followed by the phase's instructions`,
    });
  }
  return { sections, problems };
}
