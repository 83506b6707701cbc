import { citesSomething } from "../citation-lexicon.js";
import { blocksIn, ownText, sectionsMatching } from "../concrete-items.js";
import type { LintRule } from "../lint-rule.js";

const FUTURE_WORK = /\bfuture work\b/i;

/** A "Future work" section is a list, and every item names something concrete. */
export const futureWorkConcrete: LintRule = {
  id: "future-work-concrete",
  description:
    'A "Future work" section is a list of concrete items, each naming a file, symbol, §, library or setting.',
  check(doc, context, report) {
    for (const section of sectionsMatching(doc, FUTURE_WORK)) {
      const lists = blocksIn(doc, section.start, section.end).filter((node) => node.type === "list");
      if (lists.length === 0) {
        report(
          `Unexpected "${section.heading.text}" section without a list, expected a list of concrete items`,
          section.heading.start,
          section.heading.end,
        );
        continue;
      }
      for (const list of lists) {
        if (list.type !== "list") continue;
        for (const item of list.children) {
          const { raw, plain, start } = ownText(doc, item);
          if (citesSomething(raw, context)) continue;
          report(
            `Unexpected vague future-work item "${plain.trim()}", expected a concrete item naming a file, symbol, §, library or setting`,
            start,
          );
        }
      }
    }
  },
};
