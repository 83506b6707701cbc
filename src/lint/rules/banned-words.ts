import type { LintRule } from "../lint-rule.js";
import { findWords, isMention } from "../word-mentions.js";

export const bannedWords: LintRule = {
  id: "banned-words",
  description:
    "Rejects the bootstrap's banned words and phrases in prose (case-insensitive, whole words); code, link targets and places that quote the list are exempt.",
  check(doc, context, report) {
    const { bannedWords: plain, conditionalBannedWords: conditional } = context.settings;
    const words = [...plain, ...Object.keys(conditional)];
    const matches = findWords(doc.proseMask, words, true);
    const conditionOf = new Map(
      Object.entries(conditional).map(([word, note]) => [word.toLowerCase(), note]),
    );
    for (const match of matches) {
      if (isMention(doc, match, matches)) continue;
      const used = doc.text.slice(match.start, match.end);
      const condition = conditionOf.get(used.toLowerCase());
      if (condition !== undefined) {
        // Whether the condition holds is for a reader to judge: a doubt, never an error.
        report(
          `Banned word \`${used}\` ${condition}: check the condition holds, or name the mechanism instead`,
          match.start,
          match.end,
          "doubt",
        );
        continue;
      }
      report(
        `Unexpected banned word \`${used}\`, expected a concrete claim (name the mechanism, library or measurement instead)`,
        match.start,
        match.end,
      );
    }
  },
};
