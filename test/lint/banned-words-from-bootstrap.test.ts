import { describe, expect, it } from "vitest";
import { createLintContext } from "../../src/lint/lint-context.js";
import { lintMarkdown } from "../../src/lint/lint-markdown.js";
import { buildLintSettings } from "../../src/lint/preset.js";

// The banned words come from the bootstrap in force; a word it bans under a condition the linter
// cannot judge is a warning, never an error.

const bootstrap = {
  words: ["blazingly fast", "robust"],
  conditional: { "zero-cost": "(when not actually demonstrating zero-cost via codegen)" },
};
const plan = [
  "# Plan",
  "",
  "The decoder in `src/codec.rs` is blazingly fast because `serde` derives it.",
  "",
  "The `Frame` newtype is zero-cost over `bytes::Bytes`, per `src/frame.rs`.",
  "",
  "The `best-in-class` claim of `README.md` goes, replaced by the numbers of `benches/decode.rs`.",
  "",
].join("\n");

function lint(config: Parameters<typeof buildLintSettings>[0] = {}) {
  const { settings } = buildLintSettings(config, bootstrap);
  return lintMarkdown(plan, createLintContext({ settings })).filter((m) => m.ruleId === "banned-words");
}

describe("banned-words with the bootstrap's list", () => {
  it("rejects the bootstrap's words, warns on a conditional one, and ignores words it does not ban", () => {
    const found = lint().map((m) => [m.line, m.severity, m.reason.split(",")[0]]);
    expect(found).toEqual([
      [3, "error", "Unexpected banned word `blazingly fast`"],
      [5, "warning", expect.stringContaining("Banned word `zero-cost` (when not actually demonstrating")],
    ]);
  });

  it("a config list replaces the bootstrap's, conditions included", () => {
    const found = lint({ bannedWords: ["best-in-class"] });
    expect(found).toEqual([]);
    const prose = lint({ bannedWords: ["newtype"] }).map((m) => [m.line, m.severity]);
    expect(prose).toEqual([[5, "error"]]);
  });
});
