import type { Table } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import { type BootstrapDocument, lineOf, nodesOfType } from "./bootstrap-document.js";
import type { BootstrapProblem } from "./bootstrap-problem.js";
import type { PhaseOwner, Sourced } from "./compiled-bootstrap.js";

/**
 * The bootstrap's phase table (`#`, File, Owner, Depends on): one row per phase, the plan's path in
 * the File column. The folder of those paths is the output folder and names the protocol version
 * (`planning/v1.1/` → "1.1"), so no version is written in the code.
 */
export interface PhaseTableRow {
  number: number;
  id: string;
  outputPath: string;
  owner: PhaseOwner;
  dependsOn: string;
  line: number;
}

export interface PhaseTable {
  rows: PhaseTableRow[];
  folder: Sourced<string>;
  version: Sourced<string>;
}

const COLUMN = {
  number: /^(?:#|no\.?|n|phase|step)$/,
  file: /\bfile\b|\boutput\b|\bpath\b/,
  owner: /\bowner\b|\bwho\b|\bby\b/,
  dependsOn: /\bdepend|\bneeds\b|\bafter\b|\binputs?\b/,
};

const EXPECTED_TABLE =
  'a table with the columns "#", "File", "Owner" and "Depends on", one row per phase (| 1 | `planning/v2.0/01-spec-delta.md` | you | spec |)';
const PHASE_FILE = /^(?:(.*)\/)?([a-z0-9][a-z0-9-]*)\.md$/;
const VERSION_FOLDER = /^v(\d+(?:\.\d+)*)$/i;

export function parsePhaseTable(doc: BootstrapDocument): {
  table?: PhaseTable;
  problems: BootstrapProblem[];
} {
  const found = findTable(doc);
  if (!found) {
    const phasesHeading = doc.sections.find((section) => /^phases\b/i.test(section.title));
    const message = phasesHeading ? `section "${phasesHeading.title}" has no phase table` : "no phase table";
    return { problems: [{ line: phasesHeading?.line ?? 1, message, expected: EXPECTED_TABLE }] };
  }
  const problems: BootstrapProblem[] = [];
  const rows: PhaseTableRow[] = [];
  const folders: Sourced<string>[] = [];
  for (const row of found.node.children.slice(1)) {
    const cells = row.children.map((cell) => nodeText(cell).trim());
    const line = lineOf(row);
    const parsed = parseRow(cells, found.columns, line, problems);
    if (!parsed) continue;
    rows.push(parsed.row);
    folders.push({ value: parsed.folder, line });
  }
  problems.push(...duplicates(rows));
  const folder = folders[0];
  for (const other of folders) {
    if (folder && other.value !== folder.value) {
      problems.push({
        line: other.line,
        message: `the file sits in "${other.value}/", the first row's in "${folder.value}/"`,
        expected: "every phase's file in the same folder",
      });
    }
  }
  if (!folder) {
    const line = lineOf(found.node);
    return {
      problems: [...problems, { line, message: "the phase table has no rows", expected: EXPECTED_TABLE }],
    };
  }
  // The plans, the run record and kept copies are written there: it must stay inside the checkout.
  if (folder.value.startsWith("/") || folder.value.split("/").includes("..")) {
    problems.push({
      line: folder.line,
      message: `the folder "${folder.value}/" is outside the SDK checkout`,
      expected: 'a folder inside the checkout, such as "planning/v2.0/"',
    });
    return { problems };
  }
  const version = VERSION_FOLDER.exec(folder.value.split("/").at(-1) ?? "")?.[1];
  if (version === undefined) {
    problems.push({
      line: folder.line,
      message: `the folder "${folder.value}/" names no protocol version`,
      expected: 'a versioned folder such as "planning/v2.0/" (its name is the version the plans target)',
    });
  }
  // Row-level problems do not stop the reading: the sections and dependencies are checked too, so one
  // run reports everything. Without a version there is no output folder to plan into.
  if (version === undefined) return { problems };
  return { table: { rows, folder, version: { value: version, line: folder.line } }, problems };
}

interface FoundTable {
  node: Table;
  columns: Record<keyof typeof COLUMN, number>;
}

/** The first table with a File column and a Depends-on column. */
function findTable(doc: BootstrapDocument): FoundTable | undefined {
  for (const node of nodesOfType(doc.tree.children, "table")) {
    const header = node.children[0]?.children.map((cell) => nodeText(cell).trim().toLowerCase()) ?? [];
    const index = (pattern: RegExp) => header.findIndex((cell) => pattern.test(cell));
    const columns = {
      number: index(COLUMN.number),
      file: index(COLUMN.file),
      owner: index(COLUMN.owner),
      dependsOn: index(COLUMN.dependsOn),
    };
    if (columns.file >= 0 && columns.dependsOn >= 0) return { node, columns };
  }
  return undefined;
}

function parseRow(
  cells: string[],
  columns: FoundTable["columns"],
  line: number,
  problems: BootstrapProblem[],
): { row: PhaseTableRow; folder: string } | undefined {
  const file = (cells[columns.file] ?? "").replace(/`/g, "").trim();
  const match = PHASE_FILE.exec(file);
  if (!match) {
    problems.push({
      line,
      message: `the File cell "${file}" is not a plan file`,
      expected: "a lowercase path ending in .md, such as `planning/v2.0/01-spec-delta.md`",
    });
    return undefined;
  }
  const id = match[2]!;
  const numberText = columns.number >= 0 ? cells[columns.number]! : (/^\d+/.exec(id)?.[0] ?? "");
  const number = /^\d+$/.test(numberText.trim()) ? Number(numberText.trim()) : Number.NaN;
  if (Number.isNaN(number)) {
    problems.push({
      line,
      message: `the row for ${file} has no phase number`,
      expected: 'a number in the "#" column',
    });
    return undefined;
  }
  const owner = parseOwner(columns.owner >= 0 ? cells[columns.owner]! : "you");
  if (!owner) {
    // The row still counts, so its section is not reported as one without a row.
    problems.push({
      line,
      message: `the owner "${cells[columns.owner]}" of phase ${number} is not known`,
      expected: '"you" (the lead conversation) or "subagent"',
    });
  }
  const dependsOn = (cells[columns.dependsOn] ?? "").trim();
  return {
    row: { number, id, outputPath: file, owner: owner ?? "lead", dependsOn, line },
    folder: match[1] ?? "",
  };
}

function parseOwner(cell: string): PhaseOwner | undefined {
  const text = cell.toLowerCase();
  if (/\bsub-?agents?\b/.test(text)) return "subagent";
  if (/\b(?:you|lead|me|main)\b/.test(text)) return "lead";
  return undefined;
}

function duplicates(rows: readonly PhaseTableRow[]): BootstrapProblem[] {
  const problems: BootstrapProblem[] = [];
  const byNumber = new Map<number, PhaseTableRow>();
  const byId = new Map<string, PhaseTableRow>();
  for (const row of rows) {
    const sameNumber = byNumber.get(row.number);
    const sameId = byId.get(row.id);
    if (sameNumber) {
      problems.push({
        line: row.line,
        message: `phase ${row.number} is also the row at line ${sameNumber.line}`,
        expected: "one row per phase number",
      });
    } else byNumber.set(row.number, row);
    if (sameId) {
      problems.push({
        line: row.line,
        message: `the file ${row.id}.md is also the row at line ${sameId.line}`,
        expected: "one file per phase",
      });
    } else byId.set(row.id, row);
  }
  return problems;
}
