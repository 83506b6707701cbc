import { planFileName } from "../lint-context.js";
import type { LintRule } from "../lint-rule.js";
import { findWords, isMention } from "../word-mentions.js";

/** "simply" and "just" talk down to the reader; the bootstrap bans them in the drafted docs' voice. */
export const noSimplyJust: LintRule = {
  id: "no-simply-just",
  description:
    'No "simply" or "just" in documentation voice (the docs plan\'s drafted text); quoting them is fine.',
  check(doc, context, report) {
    const file = planFileName(context);
    if (!file || !context.settings.docsVoicePlans.includes(file)) return;
    const matches = findWords(doc.proseMask, ["simply", "just"], false);
    for (const match of matches) {
      if (isMention(doc, match, matches)) continue;
      const word = doc.text.slice(match.start, match.end);
      report(
        `Unexpected \`${word}\` in documentation voice, expected the instruction without it`,
        match.start,
        match.end,
      );
    }
  },
};
