import { parseBootstrapDocument } from "./bootstrap/bootstrap-document.js";
import { type BootstrapProblem, bootstrapError } from "./bootstrap/bootstrap-problem.js";
import { collectSystemParts } from "./bootstrap/collect-system-parts.js";
import type { CompiledBootstrap, CompiledPhase } from "./bootstrap/compiled-bootstrap.js";
import { derivePhaseChecks } from "./bootstrap/derive-phase-checks.js";
import { extractPhaseInstructions } from "./bootstrap/extract-phase-instructions.js";
import { findBootstrapLanguage } from "./bootstrap/find-bootstrap-language.js";
import { findPhaseSections } from "./bootstrap/find-phase-sections.js";
import { parseBannedWords } from "./bootstrap/parse-banned-words.js";
import { parseDependsOn } from "./bootstrap/parse-depends-on.js";
import { parsePhaseReads, withoutLaterReads } from "./bootstrap/parse-phase-reads.js";
import { type PhaseTableRow, parsePhaseTable } from "./bootstrap/parse-phase-table.js";
import { findSpecDraft, parseReadingList } from "./bootstrap/parse-reading-list.js";
import { parseWorkspaceClaims } from "./bootstrap/parse-workspace-claims.js";
import { findCycles } from "./phase-graph.js";

export type { CompiledBootstrap, CompiledPhase } from "./bootstrap/compiled-bootstrap.js";

/**
 * Compiles a planning bootstrap (`BOOTSTRAP.md`) into the program the pipeline runs. Pure: text in,
 * data out. A bootstrap it cannot read fully (no phase table, a phase without a section, an unknown
 * phase in "Depends on", a dependency cycle, …) throws one `config` error listing every problem with
 * its line and what was expected there. `sourceName` names the file in those messages.
 */
export function compileBootstrap(text: string, sourceName = "BOOTSTRAP.md"): CompiledBootstrap {
  if (text.trim() === "") {
    throw bootstrapError(sourceName, [
      {
        line: 1,
        message: "the file is empty",
        expected: "a planning bootstrap with a phase table and one section per phase",
      },
    ]);
  }
  const doc = parseBootstrapDocument(text);
  const { table, problems } = parsePhaseTable(doc);
  if (!table) throw bootstrapError(sourceName, problems);
  const found = findPhaseSections(doc, table.rows);
  problems.push(...found.problems);
  const phases: CompiledPhase[] = [];
  for (const row of table.rows) {
    const depends = parseDependsOn(row, table.rows);
    problems.push(...depends.problems);
    const section = found.sections.get(row.number);
    if (!section) continue;
    const { instructions, problem } = extractPhaseInstructions(doc, section);
    if (!instructions) {
      problems.push(problem!);
      continue;
    }
    phases.push({
      id: row.id,
      number: row.number,
      title: section.title,
      owner: row.owner,
      output: `${row.id}.md`,
      outputPath: row.outputPath,
      needs: depends.needs,
      inputs: depends.inputs,
      reads: parsePhaseReads(instructions.text, row, table.rows, depends.needs),
      instructions,
      checks: derivePhaseChecks(doc, section),
      line: row.line,
      dependsOn: row.dependsOn,
    });
  }
  problems.push(...cycleProblems(phases, table.rows));
  if (problems.length > 0) throw bootstrapError(sourceName, problems);

  const readingList = parseReadingList(doc);
  const title = doc.title ? { value: doc.title.title, line: doc.title.line } : undefined;
  const phaseSections = [...found.sections.values()].map((phase) => phase.section);
  return {
    title,
    language: findBootstrapLanguage(title),
    protocolVersion: table.version,
    outputFolder: table.folder,
    specDraft: findSpecDraft(doc, readingList),
    phases: withoutLaterReads(phases),
    system: collectSystemParts(doc, phaseSections),
    readingList,
    bannedWords: parseBannedWords(doc),
    claims: parseWorkspaceClaims(text),
  };
}

/** Each dependency cycle once, at the row of its first phase, naming every row in it. */
function cycleProblems(phases: readonly CompiledPhase[], rows: readonly PhaseTableRow[]): BootstrapProblem[] {
  const lineOf = new Map(rows.map((row) => [row.id, row.line]));
  const cycles = findCycles(new Map(phases.map((phase) => [phase.id, phase.needs])));
  return cycles.map((cycle) => ({
    line: Math.min(...cycle.map((id) => lineOf.get(id)!)),
    message: `a dependency cycle, each phase depending on the next: ${[...cycle, cycle[0]].join(" → ")} (rows at lines ${cycle.map((id) => lineOf.get(id)).join(", ")})`,
    expected: "each phase to depend only on phases that do not depend on it",
  }));
}
