import type { Nodes, Table } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import { matches } from "../check-pattern.js";
import { escapeRegExp } from "../escape-reg-exp.js";
import type { LintContext } from "../lint-context.js";
import type { Report } from "../lint-rule.js";
import { mentionsItem } from "../mentions-item.js";
import type { PlanDocument } from "../plan-document.js";
import type { StructureCheck } from "../structure-check.js";

interface TableView {
  node: Table;
  header: string[];
  rows: { cells: string[]; text: string; start: number; cellStarts: number[] }[];
}

function tables(doc: PlanDocument): TableView[] {
  const found: TableView[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === "table") {
      const [head, ...body] = node.children;
      found.push({
        node,
        header: head?.children.map((cell) => nodeText(cell).trim()) ?? [],
        rows: body.map((row) => ({
          cells: row.children.map((cell) => nodeText(cell).trim()),
          text: row.children.map((cell) => nodeText(cell)).join(" | "),
          start: row.position?.start.offset ?? 0,
          cellStarts: row.children.map((cell) => cell.position?.start.offset ?? 0),
        })),
      });
      return;
    }
    if ("children" in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(doc.tree);
  return found;
}

type TableCheck = Extract<StructureCheck, { kind: "table" }>;

// "M = missing", "**P**: partial", "`H` — high": an abbreviation and the word it stands for.
const LEGEND_ENTRY = /(?<![\w])[*_`]*([A-Z][A-Za-z]{0,2})[*_`]*\s*(?:=|:|—|–|-)\s*[*_`]*([A-Za-z][\w-]*)/g;

/**
 * Abbreviations a legend in the lines just above a table defines, so `M` in a cell reads as "missing".
 * Only the text between the previous block boundary (heading or table) and the table is read.
 */
function legendAbove(doc: PlanDocument, tableStart: number): Map<string, string> {
  const legend = new Map<string, string>();
  for (const match of textAbove(doc, tableStart).matchAll(LEGEND_ENTRY)) legend.set(match[1]!, match[2]!);
  return legend;
}

/** The text between the previous block boundary (a heading or a table) and the table. */
function textAbove(doc: PlanDocument, tableStart: number): string {
  const before = doc.text.slice(Math.max(0, tableStart - 800), tableStart);
  return before.slice(Math.max(before.lastIndexOf("\n#"), before.lastIndexOf("|\n")) + 1);
}

/** Of the columns whose header matches, the one whose cells the allowed values fit best. */
function valueColumn(
  view: TableView,
  pattern: string,
  allows: (cell: string) => boolean,
  report: Report,
): number {
  let best = -1;
  let bestFit = -1;
  view.header.forEach((cell, index) => {
    if (!matches(pattern, cell, report)) return;
    const fit = view.rows.filter((row) => allows(row.cells[index] ?? "")).length;
    if (fit > bestFit) [best, bestFit] = [index, fit];
  });
  return best;
}

export function checkTable(check: TableCheck, doc: PlanDocument, context: LintContext, report: Report): void {
  const column = (view: TableView, pattern: string) =>
    view.header.findIndex((cell) => matches(pattern, cell, report));
  const candidates = tables(doc).filter((view) =>
    check.columns.every((pattern) => column(view, pattern) >= 0),
  );
  const view = candidates.find((candidate) => candidate.rows.length >= (check.minRows ?? 0)) ?? candidates[0];
  if (!view) {
    report(
      `Expected ${check.name}: a table with columns matching ${check.columns.map((pattern) => `/${pattern}/`).join(", ")}`,
      0,
      undefined,
      check.hedged ? "doubt" : "sure",
    );
    return;
  }
  const tableStart = view.node.position?.start.offset ?? 0;
  if (check.minRows !== undefined && view.rows.length < check.minRows) {
    report(
      `Expected ${check.name} to have at least ${check.minRows} rows, found ${view.rows.length}`,
      tableStart,
    );
  }
  const constrained = checkValues(check, view, doc, report);
  checkDeclaredValues(check, view, doc, constrained, report);
  checkRowPerItem(check, view, candidates, doc, context, report);
}

/** The check's allowed values per column; returns the columns it constrained. */
function checkValues(check: TableCheck, view: TableView, doc: PlanDocument, report: Report): Set<number> {
  const tableStart = view.node.position?.start.offset ?? 0;
  const constrained = new Set<number>();
  const legend = legendAbove(doc, tableStart);
  for (const [columnPattern, allowed] of Object.entries(check.values ?? {})) {
    // A legend is not per column ("M" may be "missing" in one and "medium" in the next): try both.
    const expanded = (cell: string) => legend.get(cell.replace(/[*_`]/g, "").trim()) ?? cell;
    const allows = (cell: string) =>
      allowed.some((pattern) => matches(pattern, cell, report) || matches(pattern, expanded(cell), report));
    const index = valueColumn(view, columnPattern, allows, report);
    if (index < 0) continue;
    constrained.add(index);
    for (const row of view.rows) {
      const cell = row.cells[index] ?? "";
      if (allows(cell)) continue;
      // Real plans grade with words of their own ("Adjacent", "Wrong wire"): a deviation, not surely a defect.
      report(
        `Unexpected value "${cell}" in column "${view.header[index]}" of ${check.name}, expected one of ${allowed.map((pattern) => `/${pattern}/`).join(", ")}`,
        row.cellStarts[index] ?? row.start,
        undefined,
        "doubt",
      );
    }
  }
  return constrained;
}

// "`state` ∈ `Missing` / `Partial` / `Adjacent` (right shape) / `Present`." above the table.
const DECLARED_SET = /`?([A-Za-z][\w ]*?)`?\s*∈\s*([^.]+)/g;

/**
 * A plan that declares the values of a column just above its table ("`state` ∈ Missing / Partial /
 * Adjacent") is held to its own scale: a cell outside it ("Wrong") is a deviation, a warning.
 */
function checkDeclaredValues(
  check: TableCheck,
  view: TableView,
  doc: PlanDocument,
  constrained: ReadonlySet<number>,
  report: Report,
): void {
  const tableStart = view.node.position?.start.offset ?? 0;
  const normal = (name: string) => name.toLowerCase().replace(/[_`*]/g, " ").replace(/\s+/g, " ").trim();
  const declared = new Map<string, string[]>();
  for (const match of textAbove(doc, tableStart).matchAll(DECLARED_SET)) {
    const values = match[2]!
      .replace(/\([^)]*\)/g, "")
      .split(/[/,]/)
      .map((value) => value.replace(/[`*_]/g, "").trim())
      .filter((value) => /^[\w][\w -]*$/.test(value));
    if (values.length > 1) declared.set(normal(match[1]!), values);
  }
  view.header.forEach((header, index) => {
    const values = declared.get(normal(header));
    if (!values || constrained.has(index)) return;
    const pattern = new RegExp(`^(?:${values.map(escapeRegExp).join("|")})\\b`, "i");
    for (const row of view.rows) {
      const cell = row.cells[index] ?? "";
      if (pattern.test(cell.replace(/[*_`]/g, "").trim())) continue;
      report(
        `Unexpected value "${cell}" in column "${header}" of ${check.name}, expected one of the values the plan declares above the table (${values.join(", ")})`,
        row.cellStarts[index] ?? row.start,
        undefined,
        "doubt",
      );
    }
  });
}

function checkRowPerItem(
  check: TableCheck,
  view: TableView,
  candidates: readonly TableView[],
  doc: PlanDocument,
  context: LintContext,
  report: Report,
): void {
  const tableStart = view.node.position?.start.offset ?? 0;
  const items = check.rowPerItem ? context.facts[check.rowPerItem] : [];
  if (check.rowPerItem && items.length > 0) {
    // A long mapping is often split into several tables with the same columns (one per group).
    const rows = candidates.flatMap((candidate) => candidate.rows);
    for (const item of items) {
      if (!rows.some((row) => mentionsItem(row.text, item, check.rowPerItem!))) {
        // Named elsewhere in the plan, the item was dealt with, only not as a row: a deviation, not a gap.
        report(
          `Expected a row for \`${item}\` in ${check.name} (the workspace has ${items.length}: ${items.join(", ")})`,
          tableStart,
          undefined,
          mentionsItem(doc.text, item, check.rowPerItem) ? "doubt" : "sure",
        );
      }
    }
    for (const row of rows) {
      if (items.some((item) => mentionsItem(row.text, item, check.rowPerItem!))) continue;
      report(
        `Unexpected row "${row.cells[0] ?? ""}" in ${check.name}, expected one row per item that exists in the workspace (${items.join(", ")})`,
        row.start,
      );
    }
  }
}
