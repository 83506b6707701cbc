import type { ListItem, Nodes } from "mdast";
import { citesSomething } from "../citation-lexicon.js";
import { countWords, ownText } from "../concrete-items.js";
import type { LintRule } from "../lint-rule.js";

/**
 * Every paragraph and substantial list item cites something: a spec §, a path, a code identifier, a
 * link, a named library or a language idiom. Short lead-ins ("The matrix:"), table cells, headings and
 * block quotes (quoted spec text) are not checked.
 */
export const paragraphCites: LintRule = {
  id: "paragraph-cites",
  description:
    "Every paragraph and substantial list item cites a spec §, a path, a code identifier, a link, a named library or a language idiom.",
  check(doc, context, report) {
    const minWords = context.settings.citeMinWords;
    const visit = (node: Nodes): void => {
      if (node.type === "blockquote" || node.type === "table" || node.type === "code") return;
      if (node.type === "paragraph") {
        const start = node.position?.start.offset ?? 0;
        const raw = doc.text.slice(start, node.position?.end.offset ?? start);
        const words = countWords(raw);
        if (words >= minWords && !isLeadIn(raw) && !citesSomething(raw, context)) {
          report(
            `Unexpected paragraph without a citation (${words} words), expected a spec §, a path, a code identifier, a link, a named library or a language idiom`,
            start,
          );
        }
        return;
      }
      if (node.type === "listItem") checkItem(node);
      if ("children" in node) {
        for (const child of node.children as Nodes[])
          if (!(node.type === "listItem" && child.type === "paragraph")) visit(child);
      }
    };
    const checkItem = (item: ListItem): void => {
      const { raw, plain, start } = ownText(doc, item);
      const words = countWords(plain);
      if (words >= minWords && !isLeadIn(plain) && !citesSomething(raw, context)) {
        report(
          `Unexpected list item without a citation (${words} words), expected a spec §, a path, a code identifier, a link, a named library or a language idiom`,
          start,
        );
      }
    };
    visit(doc.tree);
  },
};

/** A paragraph that ends with a colon introduces the list, table or code after it, which carries the citations. */
function isLeadIn(text: string): boolean {
  return /:[\s*_]*$/.test(text);
}
