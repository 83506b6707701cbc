import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTree, parseTreeInOnePass } from "../../src/lint/plan-document.js";
import { topLevelSectionStarts } from "../../src/lint/top-level-sections.js";
import { generatePlan } from "../bench/lint.bench.js";
import { repoRoot } from "../support/run-cli.js";

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** 0-based lines where the document is cut. */
function cutLines(text: string): number[] {
  return topLevelSectionStarts(text).map((start) => start.line);
}

// Each case: the text, and the lines where it may be cut (the rest must parse as one piece).
const cases: [name: string, text: string, cuts: number[]][] = [
  ["headings after blank lines", "# A\n\ntext\n\n## B\n\n- x\n\n### C\n", [4, 8]],
  ["a heading right after a paragraph line is not a cut", "# A\ntext\n## B\n", []],
  ["a list, then a heading", "- a\n- b\n\n## B\n\n1. c\n   more\n\n## C\n", [3, 8]],
  ["a blockquote, then a heading", "> quote\n> more\n\n## B\n", [3]],
  ["a fence hides headings", "# A\n\n```md\n\n## not a heading\n```\n\n## B\n", [7]],
  [
    "a longer fence is not closed by a shorter one",
    "````\n\n## in code\n```\n\n## still code\n````\n\n## B\n",
    [8],
  ],
  ["a tilde fence", "~~~\n\n# in code\n~~~\n\n# B\n", [5]],
  ["a closing fence may be indented", "```\n\n# in code\n   ```\n\n# B\n", [5]],
  ["an unclosed fence runs to the end", "# A\n\n```\n\n## code\n", []],
  ["a backtick fence's info cannot hold a backtick", "``` a`b\n\n## B\n", [2]],
  ["an indented fence turns cutting off", "- a\n\n  ```\n\n## B\n```\n\n## C\n```\n", []],
  ["an HTML comment across lines hides headings", "<!--\n\n## hidden\n-->\n\n## B\n", [5]],
  ["a one-line comment does not", "<!-- arcp-plan-disable no-emoji -->\n\n## B\n", [2]],
  ["a <pre> block hides headings", "<pre>\n\n# x\n</pre>\n\n# B\n", [5]],
  ["another HTML tag at a line start: no cuts", "<div>\n```\n</div>\n\n## A\n\n```\n\n## B\n", []],
  ["front matter is never cut", "---\ntitle: x\n\n# yaml comment\n---\n\n# A\n", [6]],
  ["unclosed front matter: no cuts", "---\n\n# A\n\n# B\n", []],
  ["a byte order mark: no cuts", "\uFEFF---\ntitle: x\n\n# yaml comment\n---\n\n# A\n\n# B\n", []],
  [
    "a link reference definition anywhere: no cuts",
    "# A\n\nsee [x]\n\n## B\n\n[x]: https://example.com\n",
    [],
  ],
  ["CRLF line endings", "# A\r\n\r\ntext\r\n\r\n## B\r\n\r\n- x\r\n", [4]],
  ["lone CR line endings: no cuts", "# A\r\rtext\r\r## B\r", []],
  ["a table, then a heading", "| a | b |\n| - | - |\n| 1 | 2 |\n\n## B\n", [4]],
  ["seven hashes are not a heading", "# A\n\n####### x\n\n## B\n", [4]],
  ["an empty heading", "# A\n\n#\n", [2]],
  ["indented code, then a heading", "    code\n\n    more\n\n# B\n", [4]],
];

describe("cutting a plan into top-level sections", () => {
  it.each(cases)("%s", (_, text, cuts) => {
    expect(cutLines(text)).toEqual(cuts);
    // Pieces of any size here, so that every cut is taken.
    expect(parseTree(text, 0)).toEqual(parseTreeInOnePass(text));
  });

  it("gives the one-pass tree for every markdown file in the repository and generated long plans", () => {
    const texts = [
      ...markdownFiles(join(repoRoot, "fixtures")),
      ...markdownFiles(join(repoRoot, "prompts")),
      ...markdownFiles(join(repoRoot, "docs")),
      join(repoRoot, "README.md"),
    ].map((file) => readFileSync(file, "utf8"));
    for (let seed = 0; seed < 4; seed++) texts.push(generatePlan(seed, 2000 + seed * 700));
    const cut = texts.filter((text) => topLevelSectionStarts(text).length > 0);
    // Most plans are cut; otherwise this would compare one-pass parses with themselves.
    expect(cut.length).toBeGreaterThan(texts.length / 2);
    for (const text of texts) {
      expect(parseTree(text, 0)).toEqual(parseTreeInOnePass(text));
      expect(parseTree(text)).toEqual(parseTreeInOnePass(text));
    }
  });

  it("offsets each cut to the start of its heading line", () => {
    const text = "# A\n\ntext\n\n## B\n";
    expect(topLevelSectionStarts(text)).toEqual([{ offset: text.indexOf("## B"), line: 4 }]);
  });
});
