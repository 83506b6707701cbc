import type { BootstrapProblem } from "./bootstrap-problem.js";
import type { PhaseTableRow } from "./parse-phase-table.js";

/**
 * A "Depends on" cell: phase numbers ("01, 02", "SDK + 01"), ranges ("1–9", "3-5") and file names
 * ("02-current-audit.md") become phase ids; other words ("spec", "SDK") are inputs outside the
 * pipeline. A number or file the table does not list is a problem, not a silent drop.
 */
export interface ParsedDependsOn {
  needs: string[];
  inputs: string[];
  problems: BootstrapProblem[];
}

const NOTHING = /^(?:|—|–|-|none|nothing|n\/a)$/i;
const RANGE = /^(?:phases?\s+)?(\d+)\s*(?:–|—|-|\.\.|to)\s*(\d+)$/i;
const NUMBER = /^(?:phase\s+)?(\d+)$/i;
/** A plan file, with or without its folder and `.md`; a bare word is a file only with `.md` or a number. */
const FILE = /^(?:.*\/)?([a-z0-9][a-z0-9-]*?)(\.md)?$/i;

export function parseDependsOn(row: PhaseTableRow, rows: readonly PhaseTableRow[]): ParsedDependsOn {
  const byNumber = new Map(rows.map((other) => [other.number, other.id]));
  const ids = new Set(rows.map((other) => other.id));
  const needs = new Set<string>();
  const inputs: string[] = [];
  const problems: BootstrapProblem[] = [];
  const numbers = `${Math.min(...byNumber.keys())}–${Math.max(...byNumber.keys())}`;
  const unknown = (what: string): void => {
    problems.push({
      line: row.line,
      message: `phase ${row.number} depends on ${what}, which the phase table does not list`,
      expected: `phase numbers from the "#" column (${numbers}), or an input outside the pipeline such as "spec"`,
    });
  };
  const need = (id: string | undefined, what: string): void => {
    if (id === undefined) unknown(what);
    else if (id === row.id) {
      problems.push({
        line: row.line,
        message: `phase ${row.number} depends on itself`,
        expected: "only phases that must be done before this one",
      });
    } else needs.add(id);
  };
  for (const raw of row.dependsOn.replace(/`/g, "").split(/,|\+|;|&|\band\b/)) {
    const token = raw.trim();
    if (NOTHING.test(token)) continue;
    const range = RANGE.exec(token);
    const number = NUMBER.exec(token);
    const file = FILE.exec(token);
    const fileId = file?.[1]?.toLowerCase();
    const looksLikeFile = file !== null && (file[2] !== undefined || /^\d+-/.test(fileId ?? ""));
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])].sort((a, b) => a - b) as [number, number];
      for (let n = from; n <= to; n++) need(byNumber.get(n), `phase ${n} (in "${token}")`);
    } else if (number) need(byNumber.get(Number(number[1])), `phase ${Number(number[1])}`);
    else if (fileId !== undefined && ids.has(fileId)) need(fileId, token);
    else if (looksLikeFile) unknown(`"${token}"`);
    else inputs.push(token);
  }
  const order = new Map(rows.map((other, index) => [other.id, index]));
  return { needs: [...needs].sort((a, b) => order.get(a)! - order.get(b)!), inputs, problems };
}
