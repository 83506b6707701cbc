import type { Nodes } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import type { WorkspaceList } from "../../lint/structure-check.js";
import { type BootstrapDocument, lineOf, lineOffset, nodesOfType } from "./bootstrap-document.js";
import type { DerivedCheck } from "./compiled-bootstrap.js";

/**
 * "One row per TS example" / "Row per example" asks for a table with a row for each thing of a kind.
 * When the workspace can list that kind (the reference's examples, its middleware folders, the SDK's
 * modules), the check is a table whose rows cover that list, counted in the workspace, never from
 * the prompt's own number. Other kinds ("one row per feature") give no check.
 */
const ROW_PER = /\b(?:one\s+)?rows?\s+per\s+(?:each\s+)?(?:the\s+)?([\w.\- ]+?)(?=\s*(?:[:.,;()→]|->|$))/i;

interface Kind {
  noun: RegExp;
  list: WorkspaceList;
  /**
   * A header cell of the table meant. For the reference's examples it is the reference's side of the
   * mapping ("TS name", "TS example"): "example" alone also matches a plan's other tables ("Current
   * example | Action"), whose rows are not the reference's examples.
   */
  column: string;
}

const KINDS: readonly Kind[] = [
  { noun: /\bexamples?\b/i, list: "reference-examples", column: "\\bts\\b|typescript|reference" },
  {
    noun: /\bmiddleware|\bhosts?\b|\badapters?\b/i,
    list: "reference-middleware",
    column: "middleware|host|adapter|package",
  },
  { noun: /\bmodules?\b/i, list: "sdk-modules", column: "module|file|path" },
];

export function deriveRowPerItemChecks(doc: BootstrapDocument, nodes: readonly Nodes[]): DerivedCheck[] {
  const checks: DerivedCheck[] = [];
  const seen = new Set<WorkspaceList>();
  for (const paragraph of nodesOfType(nodes, "paragraph")) {
    const match = ROW_PER.exec(nodeText(paragraph));
    if (!match) continue;
    const what = match[1]!.trim();
    const kind = KINDS.find((candidate) => candidate.noun.test(what));
    if (!kind || seen.has(kind.list)) continue;
    seen.add(kind.list);
    const line = lineOf(paragraph) + lineOffset(nodeText(paragraph), match.index);
    checks.push({
      check: {
        kind: "table",
        name: `the table with one row per ${what}`,
        columns: [kind.column],
        rowPerItem: kind.list,
      },
      rule: "row-per-item",
      line,
      source: doc.lineText(line),
    });
  }
  return checks;
}
