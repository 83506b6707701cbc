import type { Nodes, Table } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import { escapeRegExp } from "../escape-reg-exp.js";
import type { LintContext } from "../lint-context.js";
import type { LintRule, Report } from "../lint-rule.js";
import type { PlanDocument } from "../plan-document.js";
import type { StructureCheck, WorkspaceList } from "../structure-check.js";

/**
 * Evaluates the phase's structure checks, declared as data in its prompt's front matter. No phase
 * is named here: the checks arrive through the context, matched to the plan by its file name.
 */
export const phaseStructure: LintRule = {
  id: "phase-structure",
  description:
    "The plan has the structure its phase declares (tables and their columns/values, required mentions, headings, code blocks, counts, workspace coverage).",
  check(doc, context, report) {
    const language = context.sdkLanguage;
    // Checks of a bootstrap written for another language (the seed, run in a Go checkout) are a good
    // guess for this SDK, not a certainty: its own bootstrap may not ask for a docs tree or a floor.
    const native =
      language === undefined ||
      context.bootstrapLanguage === undefined ||
      language === context.bootstrapLanguage;
    const hedged: Report = (reason, start, end, certainty) =>
      report(reason, start, end, native ? certainty : "doubt");
    for (const check of context.checks) {
      if (language !== undefined && check.languages && !check.languages.includes(language)) continue;
      evaluate(withLanguage(check, language ?? context.bootstrapLanguage), doc, context, hedged);
    }
  },
};

/**
 * The check with `{language}` in its patterns replaced by the SDK's language names (or the
 * bootstrap's, for an SDK not recognised; any word when neither is known).
 */
function withLanguage(check: StructureCheck, language: string | undefined): StructureCheck {
  const names = language === undefined ? "\\w+" : language.split("/").map(escapeRegExp).join("|");
  const fill = (pattern: string) => pattern.replaceAll("{language}", `(?:${names})`);
  switch (check.kind) {
    case "table":
      return { ...check, columns: check.columns.map(fill) };
    case "mentions":
    case "headings":
      return { ...check, patterns: check.patterns.map(fill) };
    case "code-block":
    case "count":
      return { ...check, pattern: fill(check.pattern) };
    case "covers":
      return check;
  }
}

const regexCache = new Map<string, RegExp | null>();

function compile(pattern: string, flags = "i"): RegExp | null {
  const key = `${flags}/${pattern}`;
  if (!regexCache.has(key)) {
    try {
      regexCache.set(key, new RegExp(pattern, flags));
    } catch {
      regexCache.set(key, null);
    }
  }
  return regexCache.get(key) ?? null;
}

function matches(pattern: string, text: string, report: Report): boolean {
  const regex = compile(pattern);
  if (!regex) {
    report(
      `Unexpected invalid pattern /${pattern}/ in the phase's checks, expected a JavaScript regular expression`,
      0,
    );
    return true;
  }
  return regex.test(text);
}

function evaluate(check: StructureCheck, doc: PlanDocument, context: LintContext, report: Report): void {
  switch (check.kind) {
    case "mentions":
      for (const pattern of check.patterns) {
        if (!matches(pattern, doc.text, report))
          report(`Expected ${check.name}: nothing matches /${pattern}/`, 0);
      }
      return;
    case "headings":
      for (const pattern of check.patterns) {
        if (!doc.headings.some((heading) => matches(pattern, heading.text, report))) {
          report(`Expected ${check.name}: no heading matches /${pattern}/`, 0);
        }
      }
      return;
    case "code-block":
      if (!doc.codeBlocks.some((code) => matches(check.pattern, code.value, report))) {
        report(`Expected ${check.name}: a fenced code block matching /${check.pattern}/`, 0);
      }
      return;
    case "count": {
      const regex = compile(check.pattern, "gi");
      if (!regex) return void matches(check.pattern, "", report);
      const found = new Set(
        [...expandBraces(doc.text).matchAll(regex)].map((match) => match[0].toLowerCase()),
      );
      if (found.size < check.min) {
        report(
          `Expected ${check.name}: at least ${check.min} distinct matches of /${check.pattern}/, found ${found.size}${found.size > 0 ? ` (${[...found].join(", ")})` : ""}`,
          0,
        );
      }
      return;
    }
    case "covers": {
      const runs = wordRuns(doc.text);
      const missing = context.facts[check.items].filter(
        (item) => !mentionsItem(doc.text, item, check.items, runs),
      );
      if (missing.length > 0) {
        report(`Expected ${check.name}: no mention of ${missing.map((item) => `\`${item}\``).join(", ")}`, 0);
      }
      return;
    }
    case "table":
      checkTable(check, doc, context, report);
      return;
  }
}

/** Maximal runs of `[\w-]` in the text, lower-cased with `_` as `-` (how `mentionsItem` compares). */
function wordRuns(text: string): Set<string> {
  return new Set((text.match(/[\w-]+/g) ?? []).map(normalizeRun));
}

function normalizeRun(run: string): string {
  return run.toLowerCase().replace(/_/g, "-");
}

/**
 * Whether the text names the item as a whole word (`-` and `_` alike, any case). With `runs`, a name is
 * tried only when each of its `[\w-]` parts occurs in the text as a whole run, which every match
 * implies: a thousand-module workspace is then one pass over the plan, not a regex scan per module.
 */
function mentionsItem(text: string, item: string, list: WorkspaceList, runs?: ReadonlySet<string>): boolean {
  const names = list === "sdk-modules" ? [item, item.split("/").at(-1) ?? item] : [item];
  return names.some((name) => {
    if (runs && !(name.match(/[\w-]+/g) ?? []).every((part) => runs.has(normalizeRun(part)))) return false;
    const flexible = escapeRegExp(name).replace(/[-_]/g, "[-_]");
    return compile(`(?<![\\w-])${flexible}(?![\\w-])`)?.test(text) ?? false;
  });
}

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
  const before = doc.text.slice(Math.max(0, tableStart - 800), tableStart);
  const boundary = Math.max(before.lastIndexOf("\n#"), before.lastIndexOf("|\n"));
  const legend = new Map<string, string>();
  for (const match of before.slice(boundary + 1).matchAll(LEGEND_ENTRY)) legend.set(match[1]!, match[2]!);
  return legend;
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

function checkTable(check: TableCheck, doc: PlanDocument, context: LintContext, report: Report): void {
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
  const legend = legendAbove(doc, tableStart);
  for (const [columnPattern, allowed] of Object.entries(check.values ?? {})) {
    // A legend is not per column ("M" may be "missing" in one and "medium" in the next): try both.
    const expanded = (cell: string) => legend.get(cell.replace(/[*_`]/g, "").trim()) ?? cell;
    const allows = (cell: string) =>
      allowed.some((pattern) => matches(pattern, cell, report) || matches(pattern, expanded(cell), report));
    const index = valueColumn(view, columnPattern, allows, report);
    if (index < 0) continue;
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

/** `crates-{light,dark}.dot` → `crates-light.dot crates-dark.dot`: plans name file pairs the shell way. */
export function expandBraces(text: string): string {
  return text.replace(
    /([\w./-]*)\{([\w.-]+(?:,[\w.-]+)+)\}([\w./-]*)/g,
    (_whole, head: string, list: string, tail: string) =>
      list
        .split(",")
        .map((part) => `${head}${part}${tail}`)
        .join(" "),
  );
}
