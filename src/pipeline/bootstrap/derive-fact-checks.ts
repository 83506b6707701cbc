import type { Nodes } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import { type BootstrapDocument, lineOf, lineOffset, nodesOfType } from "./bootstrap-document.js";
import type { DerivedCheck } from "./compiled-bootstrap.js";

/** "The three new error codes (§12) and where they're raised." */
const NEW_ERROR_CODES = /\bnew error codes?\b/i;

/**
 * Checks whose items are counted in the workspace, not taken from the phase's text: a phase that asks
 * for "the new error codes" must name every code the target draft's error section adds (read from
 * the draft, so "the three" of the prompt never decides how many).
 */
export function deriveFactChecks(doc: BootstrapDocument, nodes: readonly Nodes[]): DerivedCheck[] {
  for (const paragraph of nodesOfType(nodes, "paragraph")) {
    const text = nodeText(paragraph);
    const match = NEW_ERROR_CODES.exec(text);
    if (!match) continue;
    const line = lineOf(paragraph) + lineOffset(text, match.index);
    return [
      {
        check: {
          kind: "covers",
          name: "the new error codes of the spec draft's error section",
          items: "spec-new-error-codes",
        },
        rule: "workspace-list",
        line,
        source: doc.lineText(line),
      },
    ];
  }
  return [];
}
