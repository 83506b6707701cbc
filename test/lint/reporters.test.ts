import { describe, expect, it } from "vitest";
import { createLintContext } from "../../src/lint/lint-context.js";
import { lintMarkdown } from "../../src/lint/lint-markdown.js";
import { formatGithub } from "../../src/lint/reporters/format-github.js";
import { formatJson } from "../../src/lint/reporters/format-json.js";
import { formatSarif } from "../../src/lint/reporters/format-sarif.js";
import { formatStylish } from "../../src/lint/reporters/format-stylish.js";
import type { FileLintResult } from "../../src/lint/reporters/lint-result.js";

const messages = lintMarkdown(
  "# Plan\n\nA robust, claim 🚀 in `src/arcp/session.py`.\n",
  createLintContext(),
);
const results: FileLintResult[] = [
  { file: "planning/v1.1/01-spec-delta.md", messages, words: 7, readingMinutes: 0.03 },
  { file: "planning/v1.1/02-current-audit.md", messages: [] },
];

describe("reporters", () => {
  it("json: exactly file + messages with ruleId, severity, line, column, message, in file order", () => {
    const parsed = JSON.parse(formatJson(results)) as { file: string; messages: Record<string, unknown>[] }[];
    expect(parsed.map((entry) => entry.file)).toEqual(results.map((result) => result.file));
    expect(parsed[1]!.messages).toEqual([]);
    expect(parsed[0]!.messages[0]).toMatchObject({
      ruleId: "banned-words",
      severity: "error",
      line: 3,
      column: 3,
      message: expect.stringContaining("robust"),
    });
  });

  it("stylish: path:line:col  severity  message  rule-id, grouped by file, with totals", () => {
    const text = formatStylish(results);
    expect(text).toContain("planning/v1.1/01-spec-delta.md:3:3  error    Unexpected banned word `robust`");
    expect(text).toMatch(/ {2}banned-words$/m);
    expect(text.trimEnd().split("\n").at(-1)).toBe("2 problems (2 errors, 0 warnings) in 2 files");
  });

  it("github: one workflow annotation per message, with escaped properties and data", () => {
    const lines = formatGithub(results).trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^::error file=planning\/v1\.1\/01-spec-delta\.md,line=3,col=3,title=banned-words::Unexpected/,
    );
    const escaped = formatGithub([{ file: "a,b:c.md", messages }]);
    expect(escaped).toContain("file=a%2Cb%3Ac.md");
  });

  it("sarif: a 2.1.0 log with the rules and one result per message", () => {
    const sarif = JSON.parse(formatSarif(results, "0.1.0")) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string }[] }[];
    };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]!.tool.driver.rules.map((rule) => rule.id)).toContain("paths-resolve");
    expect(sarif.runs[0]!.results.map((result) => `${result.ruleId}:${result.level}`)).toEqual([
      "banned-words:error",
      "no-emoji:error",
    ]);
  });
});
