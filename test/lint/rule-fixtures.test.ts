import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LintContext } from "../../src/lint/lint-context.js";
import { lintMarkdown } from "../../src/lint/lint-markdown.js";
import type { LintMessage } from "../../src/lint/lint-message.js";
import { RULE_IDS } from "../../src/lint/preset.js";
import { fixtureContext, lintFixtures } from "./lint-fixture-context.js";

/**
 * One loop over `fixtures/lint/<rule-id>/` and its case folders (`fixtures/lint/<rule-id>/<case>/`):
 * `clean.md` gives no message for the rule, `violating.md` gives exactly the messages listed in
 * `expected.json` (line, optional column, text and severity). The violating files also carry
 * false-positive traps next to the defects, so "exactly" tests precision. A case may change the
 * context: `context.sdkLanguage` (a Rust or Java SDK), `context.rootNames.sdk` (the SDK folder's name).
 */
interface Expected {
  plan: string;
  context?: { sdkLanguage?: string; rootNames?: Partial<LintContext["rootNames"]> };
  /** `severity` pins what the rule is sure of: a doubtful finding is a warning whatever the preset says. */
  messages: { line: number; column?: number; contains?: string; severity?: "error" | "warning" }[];
}

const ruleDirs = readdirSync(lintFixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** `rule` for the rule's own folder, `rule/case` for each case folder under it. */
const cases = ruleDirs.flatMap((rule) => [
  rule,
  ...readdirSync(join(lintFixtures, rule), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(lintFixtures, rule, entry.name, "clean.md")))
    .map((entry) => `${rule}/${entry.name}`)
    .sort(),
]);

function readExpected(folder: string): Expected {
  return JSON.parse(readFileSync(join(lintFixtures, folder, "expected.json"), "utf8")) as Expected;
}

async function lintFixture(folder: string, name: "clean.md" | "violating.md"): Promise<LintMessage[]> {
  const expected = readExpected(folder);
  const text = readFileSync(join(lintFixtures, folder, name), "utf8");
  const base = await fixtureContext(expected.plan);
  const context: LintContext = {
    ...base,
    ...(expected.context?.sdkLanguage === undefined ? {} : { sdkLanguage: expected.context.sdkLanguage }),
    rootNames: { ...base.rootNames, ...expected.context?.rootNames },
  };
  return lintMarkdown(text, context);
}

const ruleOf = (folder: string) => folder.split("/")[0]!;

describe("rule fixtures", () => {
  it("has a fixture folder for every rule and a rule for every fixture folder", () => {
    expect(ruleDirs).toEqual([...RULE_IDS].sort());
  });

  describe.each(cases)("%s", (folder) => {
    it("stays quiet on clean.md", async () => {
      const messages = (await lintFixture(folder, "clean.md")).filter(
        (message) => message.ruleId === ruleOf(folder),
      );
      expect(messages.map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual([]);
    });

    it("reports exactly the expected messages on violating.md", async () => {
      const expected = readExpected(folder);
      const messages = (await lintFixture(folder, "violating.md")).filter(
        (message) => message.ruleId === ruleOf(folder),
      );
      const actual = messages.map((message, index) => {
        const want = expected.messages[index];
        return {
          line: message.line,
          ...(want?.column === undefined ? {} : { column: message.column }),
          ...(want?.severity === undefined ? {} : { severity: message.severity }),
          ...(want?.contains === undefined
            ? {}
            : { contains: message.reason.includes(want.contains) ? want.contains : message.reason }),
        };
      });
      expect(actual).toEqual(expected.messages);
    });
  });

  it("gives every message a rule id, a severity, a line and a column", async () => {
    const all: LintMessage[] = [];
    for (const folder of cases) {
      all.push(...(await lintFixture(folder, "clean.md")), ...(await lintFixture(folder, "violating.md")));
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
