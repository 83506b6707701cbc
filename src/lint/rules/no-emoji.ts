import type { LintRule } from "../lint-rule.js";

// Emoji presentation characters, text characters forced to emoji with VS16, and keycaps. Arrows
// (→), math symbols (≤) and marks like ✓ have no emoji presentation and stay allowed. Flags, keycaps and
// ZWJ sequences count once.
const EMOJI =
  /\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3|(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F)(?:\u200D\p{Extended_Pictographic}\uFE0F?)*/gu;

export const noEmoji: LintRule = {
  id: "no-emoji",
  description: "No emoji in prose, headings or tables (arrows and math symbols are fine).",
  check(doc, _context, report) {
    for (const match of doc.proseMask.matchAll(EMOJI)) {
      report(
        `Unexpected emoji \`${match[0]}\`, expected words (or an arrow/math symbol if that is what is meant)`,
        match.index,
        match.index + match[0].length,
      );
    }
  },
};
