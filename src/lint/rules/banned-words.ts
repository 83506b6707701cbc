import type { LintRule } from "../lint-rule.js";
import { findWords, isMention } from "../word-mentions.js";

export const bannedWords: LintRule = {
  id: "banned-words",
  description:
    "Rejects the bootstrap's banned words and phrases in prose (case-insensitive, whole words); code, link targets and places that quote the list are exempt.",
  check(doc, context, report) {
    const matches = findWords(doc.proseMask, context.settings.bannedWords, true);
    for (const match of matches) {
      if (isMention(doc, match, matches)) continue;
      const used = doc.text.slice(match.start, match.end);
      report(
        `Unexpected banned word \`${used}\`, expected a concrete claim (name the mechanism, library or measurement instead)`,
        match.start,
        match.end,
      );
    }
  },
};
