import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLintContext } from "../../src/lint/lint-context.js";
import { lintDocument, lintMarkdown } from "../../src/lint/lint-markdown.js";
import { buildLintSettings } from "../../src/lint/preset.js";
import { fixtureContext, fixtureSdk } from "./lint-fixture-context.js";

const sampleDir = join(fixtureSdk, "planning/v1.1");

describe("the sample plans of the fixture workspace", () => {
  const plans = readdirSync(sampleDir)
    .filter((name) => name.endsWith(".md"))
    .sort();

  it("are the ten phase files", () => {
    expect(plans).toHaveLength(10);
  });

  it.each(plans)("%s is lint-clean, phase checks included", async (name) => {
    const context = await fixtureContext(`planning/v1.1/${name}`);
    expect(context.checks.length).toBeGreaterThan(0);
    const messages = lintMarkdown(readFileSync(join(sampleDir, name), "utf8"), context);
    expect(
      messages.map((message) => `${message.line}:${message.column} ${message.reason} ${message.ruleId}`),
    ).toEqual([]);
  });
});

describe("inline disable and enable comments", () => {
  const text = [
    "# Plan",
    "",
    "A robust claim in `src/arcp/session.py`.",
    "",
    "<!-- arcp-plan-disable banned-words -->",
    "",
    "A robust claim in `src/arcp/session.py`.",
    "",
    "<!-- arcp-plan-enable banned-words -->",
    "",
    "A robust claim 🚀 in `src/arcp/session.py`.",
    "",
    "<!-- arcp-plan-disable -->",
    "",
    "A robust claim 🚀 in `src/arcp/session.py`.",
    "",
  ].join("\n");

  it("switches one rule off for a block and every rule off with a bare disable", () => {
    const messages = lintMarkdown(text, createLintContext());
    expect(messages.map((message) => `${message.line} ${message.ruleId}`)).toEqual([
      "3 banned-words",
      "11 banned-words",
      "11 no-emoji",
    ]);
  });

  it("covers whole-document findings when the disable comes before the content", () => {
    const long = `${"The `Session` in `src/arcp/session.py` owns §6.4 heartbeats. ".repeat(400)}\n`;
    const context = createLintContext();
    expect(lintMarkdown(long, context).map((message) => message.ruleId)).toContain("reading-time");
    const disabled = `<!-- arcp-plan-disable reading-time -->\n\n${long}`;
    expect(lintMarkdown(disabled, context).map((message) => message.ruleId)).not.toContain("reading-time");
  });
});

describe("settings", () => {
  it("turns a rule off and changes its severity from config", () => {
    const { settings, problems } = buildLintSettings({
      rules: { "banned-words": "off", "no-emoji": "warning" },
    });
    expect(problems).toEqual([]);
    const messages = lintMarkdown("A robust claim 🚀 in `src/x.py`.\n", createLintContext({ settings }));
    expect(messages.map((message) => `${message.ruleId} ${message.severity}`)).toEqual(["no-emoji warning"]);
  });

  it("reports unknown rule ids instead of ignoring them", () => {
    expect(buildLintSettings({ rules: { "no-such-rule": "off" } }).problems[0]).toMatch(
      /lint\.rules\.no-such-rule/,
    );
  });

  it("uses the configured banned words and reading speed, and reports the measured minutes", () => {
    const { settings } = buildLintSettings({ bannedWords: ["synergy"], wordsPerMinute: 10, maxMinutes: 1 });
    const text = "Synergy between `Session` and `Job` in `src/arcp/session.py` per §6.4 is robust.\n";
    const report = lintDocument(text, createLintContext({ settings }));
    expect(report.words).toBe(11);
    expect(report.messages.map((message) => message.ruleId).sort()).toEqual(["banned-words", "reading-time"]);
    const reading = report.messages.find((message) => message.ruleId === "reading-time");
    expect(reading?.reason).toContain("1.1 minutes (11 words at 10 wpm)");
  });
});

describe("spec sections that exist only in v1.0", () => {
  const spec = {
    current: {
      version: "1.1",
      sections: [
        { number: "4", title: "Envelope" },
        { number: "4.1", title: "Fields" },
      ],
    },
    previous: {
      version: "1.0",
      sections: [
        { number: "4", title: "Envelope" },
        { number: "4.5", title: "Legacy ids" },
      ],
    },
  };

  it("accepts a v1.0-only section where the sentence speaks of v1.0, and rejects it elsewhere", () => {
    const text =
      "In v1.0, §4.5 defined legacy ids for `Envelope`.\n\nThe codec follows §4.5 for `Envelope`.\n";
    const messages = lintMarkdown(text, createLintContext({ spec }));
    expect(messages.map((message) => `${message.line} ${message.ruleId}`)).toEqual(["3 spec-sections"]);
    expect(messages[0]!.reason).toContain("exists only in the v1.0 draft");
  });

  it("does not check lines of a sibling plan that is not written yet (phases run in parallel)", () => {
    const context = createLintContext({
      planPath: "planning/v1.1/07-tests.md",
      phaseFiles: ["03-libraries.md", "07-tests.md"],
      files: new Set(["planning/v1.1/07-tests.md", "src/lib.rs"]),
      readText: (viewPath) => (viewPath === "src/lib.rs" ? "fn main() {}\n" : undefined),
    });
    const text =
      "The crate picks are at `planning/v1.1/03-libraries.md:140-148`, and `src/lib.rs:40` is past its end.\n";
    const messages = lintMarkdown(text, context).filter((message) => message.ruleId === "paths-resolve");
    expect(messages.map((message) => message.reason)).toEqual([
      "Unexpected line 40 in `src/lib.rs`, expected a line between 1 and 1 (the file has 1 lines)",
    ]);
  });
});
