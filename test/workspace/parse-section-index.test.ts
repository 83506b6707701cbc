import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSectionIndex } from "../../src/workspace/parse-section-index.js";
import { fixtureRoots } from "./copy-fixture-workspace.js";

describe("parseSectionIndex", () => {
  it("reads numbered headings with number, title, line and depth", () => {
    const text = [
      "# Title",
      "",
      "## 6. Sessions",
      "text",
      "### 6.4. Heartbeats",
      "#### 8.2.1. Progress events",
    ].join("\n");
    expect(parseSectionIndex(text)).toEqual([
      { number: "6", title: "Sessions", line: 3, depth: 1 },
      { number: "6.4", title: "Heartbeats", line: 5, depth: 2 },
      { number: "8.2.1", title: "Progress events", line: 6, depth: 3 },
    ]);
  });

  it("accepts '6.4', '6.4.' and '§6.4' styles and closing hashes", () => {
    const text = "## 6.4 Heartbeats\n## 6.5. Acks ##\n## § 6.6 Listing jobs\n## §7. Agents";
    expect(parseSectionIndex(text).map((s) => [s.number, s.title])).toEqual([
      ["6.4", "Heartbeats"],
      ["6.5", "Acks"],
      ["6.6", "Listing jobs"],
      ["7", "Agents"],
    ]);
  });

  it("reads appendix headings", () => {
    expect(parseSectionIndex("## Appendix A. Message Summary\n### Appendix B.1: Details")).toEqual([
      { number: "A", title: "Message Summary", line: 1, depth: 1 },
      { number: "B.1", title: "Details", line: 2, depth: 2 },
    ]);
  });

  it("ignores headings in code fences (backticks and tildes, longer closing fences) and front matter", () => {
    const text = [
      "---",
      "# 1. not a heading in YAML",
      "---",
      "```md",
      "## 2. inside a fence",
      "```",
      "~~~~",
      "## 3. inside tildes",
      "```",
      "## 4. still inside (a backtick fence does not close tildes)",
      "~~~~~",
      "## 5. Real",
    ].join("\n");
    expect(parseSectionIndex(text)).toEqual([{ number: "5", title: "Real", line: 12, depth: 1 }]);
  });

  it("ignores unnumbered headings, years and numbered lists", () => {
    expect(parseSectionIndex("## Changes from v1.0\n## 2024 roadmap\n1. a list item\n#6. no space")).toEqual(
      [],
    );
  });

  it("indexes the fixture v1.1 draft, including the v1.1-only sections", () => {
    const text = readFileSync(join(fixtureRoots.spec, "docs/draft-arcp-1.1.md"), "utf8");
    const numbers = parseSectionIndex(text).map((s) => s.number);
    for (const wanted of [
      "6.2",
      "6.4",
      "6.5",
      "6.6",
      "7.5",
      "7.6",
      "8.2.1",
      "8.4",
      "9.5",
      "9.6",
      "12",
      "12.2",
      "A",
    ]) {
      expect(numbers).toContain(wanted);
    }
    expect(numbers).not.toContain("99");
    const v10 = parseSectionIndex(readFileSync(join(fixtureRoots.spec, "docs/draft-arcp-1.0.md"), "utf8"));
    expect(v10.map((s) => s.number)).not.toContain("6.4");
    expect(v10.map((s) => s.number)).toContain("9.4");
  });

  it("drops the new-in marker from titles and notes sections the draft keeps unchanged", () => {
    const sections = parseSectionIndex(
      [
        "## 5. Wire Format",
        "",
        "(Unchanged. One JSON object per frame.)",
        "",
        "## 6. Sessions",
        "",
        "### 6.3. Resume",
        "",
        "Unchanged from v1.0 §6.3, except that tokens rotate.",
        "",
        "### 6.4. Heartbeats _(new in 1.1)_",
        "",
        "Peers ping.",
      ].join("\n"),
    );
    expect(sections.map((s) => [s.number, s.title, s.unchanged ?? false])).toEqual([
      ["5", "Wire Format", true],
      ["6", "Sessions", false],
      ["6.3", "Resume", true],
      ["6.4", "Heartbeats", false],
    ]);
  });
});
