import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintMarkdown } from "../../src/lint/lint-markdown.js";
import type { LintMessage } from "../../src/lint/lint-message.js";
import { RULE_IDS } from "../../src/lint/preset.js";
import { fixtureContext, lintFixtures } from "./lint-fixture-context.js";

/**
 * One loop over `fixtures/lint/<rule-id>/`: `clean.md` gives no message for the rule, `violating.md`
 * gives exactly the messages listed in `expected.json` (line, optional column, optional text). The
 * violating files also carry false-positive traps next to the defects, so "exactly" tests precision.
 */
interface Expected {
  plan: string;
  /** `severity` pins what the rule is sure of: a doubtful finding is a warning whatever the preset says. */
  messages: { line: number; column?: number; contains?: string; severity?: "error" | "warning" }[];
}

const ruleDirs = readdirSync(lintFixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

async function lintFixture(rule: string, name: "clean.md" | "violating.md"): Promise<LintMessage[]> {
  const expected = JSON.parse(readFileSync(join(lintFixtures, rule, "expected.json"), "utf8")) as Expected;
  const text = readFileSync(join(lintFixtures, rule, name), "utf8");
  return lintMarkdown(text, await fixtureContext(expected.plan));
}

describe("rule fixtures", () => {
  it("has a fixture folder for every rule and a rule for every fixture folder", () => {
    expect(ruleDirs).toEqual([...RULE_IDS].sort());
  });

  describe.each(ruleDirs)("%s", (rule) => {
    it("stays quiet on clean.md", async () => {
      const messages = (await lintFixture(rule, "clean.md")).filter((message) => message.ruleId === rule);
      expect(messages.map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual([]);
    });

    it("reports exactly the expected messages on violating.md", async () => {
      const expected = JSON.parse(
        readFileSync(join(lintFixtures, rule, "expected.json"), "utf8"),
      ) as Expected;
      const messages = (await lintFixture(rule, "violating.md")).filter((message) => message.ruleId === rule);
      const actual = messages.map((message, index) => ({
        line: message.line,
        ...(expected.messages[index]?.column === undefined ? {} : { column: message.column }),
        ...(expected.messages[index]?.severity === undefined ? {} : { severity: message.severity }),
        ...(expected.messages[index]?.contains === undefined
          ? {}
          : {
              contains: message.reason.includes(expected.messages[index]!.contains!)
                ? expected.messages[index]!.contains
                : message.reason,
            }),
      }));
      expect(actual).toEqual(expected.messages);
    });
  });

  it("gives every message a rule id, a severity, a line and a column", async () => {
    const all: LintMessage[] = [];
    for (const rule of ruleDirs) {
      all.push(...(await lintFixture(rule, "clean.md")), ...(await lintFixture(rule, "violating.md")));
    }
    expect(all.length).toBeGreaterThan(0);
    for (const message of all) {
      expect(RULE_IDS).toContain(message.ruleId);
      expect(["error", "warning"]).toContain(message.severity);
      expect(Number.isInteger(message.line) && message.line >= 1).toBe(true);
      expect(Number.isInteger(message.column) && message.column >= 1).toBe(true);
      expect(message.reason.length).toBeGreaterThan(0);
    }
  });
});
