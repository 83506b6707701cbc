import type { Nodes } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import { escapeRegExp } from "../../lint/escape-reg-exp.js";
import type { StructureCheck } from "../../lint/structure-check.js";
import { type BootstrapDocument, lineOf, nodesOfType } from "./bootstrap-document.js";
import type { DerivedCheck } from "./compiled-bootstrap.js";

/**
 * "Table of v1.1 additions: spec §, message/feature, MUST/SHOULD/MAY, additive vs breaking impact"
 * and "Gap matrix: v1.1 feature × `{missing/partial/present}`, target package, risk" ask for a table
 * with those columns. The columns are read from the prose, so the check is hedged: a plan whose
 * table the reading misses gets a warning, never an error. A set of values (`{a/b/c}`, `x ∈ {a, b}`)
 * constrains the column it names (a bare set: the state column), as a warning too. A "matrix" is a
 * table only when its text names columns or crosses them with "×" ("CI matrix: JDK 21" is not).
 */
const LEAD_IN = /^(?:(?:one|a|the)\s+)?((?:[^\s:]+\s+){0,5}?[^\s:]*\b(table|matrix)\b[^:]{0,60}):\s*/i;
const STOPWORDS = new Set(
  "a an the of on in vs per and or to for with its it is are rows row each one every from as by".split(" "),
);
/** A column item that only lists normative keywords describes the cells, not a header. */
const ALL_CAPS_VALUES = /^[A-Z]{2,}(?:\s*\/\s*[A-Z]{2,})+$/;
const VALUE_SET = /^(?:`?([\w-]+)`?\s*(?:∈|in)\s*)?`?\{([^}]+)\}`?$|^`?([\w-]+)`?\s*\(([^()]*\/[^()]*)\)$/;
/** The column a bare value set stands for. */
const STATE_COLUMN = "state|status";

export function deriveTableChecks(doc: BootstrapDocument, nodes: readonly Nodes[]): DerivedCheck[] {
  const checks: DerivedCheck[] = [];
  for (const item of nodesOfType(nodes, "listItem")) {
    const first = item.children[0];
    if (first?.type !== "paragraph") continue;
    const text = nodeText(first).replace(/\s+/g, " ").trim();
    const lead = LEAD_IN.exec(text);
    if (!lead) continue;
    let rest = text.slice(lead[0].length).split(/\.\s|\.$/)[0]!;
    const columnsAt = /\bcolumns?\b(?:\s+are)?\s*/i.exec(rest);
    if (columnsAt) rest = rest.slice(columnsAt.index + columnsAt[0].length);
    else if (lead[2]!.toLowerCase() === "matrix" && !rest.includes("×")) continue;
    const check = tableCheck(lead[1]!.replace(/\*\*/g, "").trim(), rest);
    if (!check) continue;
    const line = lineOf(first);
    checks.push({ check, rule: "table-columns", line, source: doc.lineText(line) });
  }
  return checks;
}

function tableCheck(name: string, list: string): StructureCheck | undefined {
  const columns: string[] = [];
  const values: Record<string, string[]> = {};
  for (const raw of splitItems(list)) {
    const item = raw.trim();
    const set = VALUE_SET.exec(item);
    if (set) {
      const column = set[1] ?? set[3];
      const allowed = (set[2] ?? set[4])!
        .split(/[,/]/)
        .map((value) => value.trim())
        .filter(Boolean);
      const columnPattern = column ? wordsPattern(column) : STATE_COLUMN;
      if (column && columnPattern) columns.push(columnPattern);
      if (columnPattern && allowed.length > 1)
        values[columnPattern] = [`\\b(?:${allowed.map(escapeRegExp).join("|")})\\b`];
      continue;
    }
    if (ALL_CAPS_VALUES.test(item)) continue;
    const pattern = wordsPattern(item.replace(/\([^)]*\)/g, ""));
    if (pattern) columns.push(pattern);
  }
  if (columns.length < 2) return undefined;
  return {
    kind: "table",
    name: `the ${name.replace(/^(?:one|a|the)\s+/i, "").toLowerCase()}`,
    columns,
    ...(Object.keys(values).length > 0 ? { values } : {}),
    hedged: true,
  };
}

/** Items separated by commas or "×", outside backticks, braces and parentheses. */
function splitItems(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const char of list) {
    if (char === "`") quoted = !quoted;
    else if (!quoted && (char === "{" || char === "(")) depth++;
    else if (!quoted && (char === "}" || char === ")")) depth = Math.max(0, depth - 1);
    if (!quoted && depth === 0 && (char === "," || char === "×")) {
      items.push(current);
      current = "";
    } else current += char;
  }
  return [...items, current].filter((item) => item.trim() !== "");
}

/** "message/feature" → `message|feature`; "target_module" → `target|module`; "spec §" → `spec|§`. */
function wordsPattern(item: string): string | undefined {
  const words = (item.replace(/`/g, "").match(/§|[A-Za-z][A-Za-z-]*/g) ?? [])
    .flatMap((word) => word.split(/[-_]/))
    .map((word) => word.toLowerCase())
    .filter((word) => word.length > 1 || word === "§")
    .filter((word) => !STOPWORDS.has(word))
    .slice(0, 3);
  return words.length === 0 ? undefined : words.map(escapeRegExp).join("|");
}
