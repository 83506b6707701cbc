import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { parsePlanDocument } from "../../src/lint/plan-document.js";
import { findDelimiterLines, remarkGfmTable, type TableLineHint } from "../../src/lint/remark-gfm-table.js";
import { generatePlan } from "../bench/lint.bench.js";
import { repoRoot } from "../support/run-cli.js";

const unguarded = unified().use(remarkParse).use(remarkGfmTable).use(remarkFrontmatter, ["yaml", "toml"]);
const hint: TableLineHint = { delimiterLines: undefined };
const guarded = unified().use(remarkParse).use(remarkGfmTable, hint).use(remarkFrontmatter, ["yaml", "toml"]);

function parseGuarded(text: string): unknown {
  hint.delimiterLines = findDelimiterLines(text);
  return guarded.parse(text);
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => join(entry.parentPath, entry.name));
}

const tricky = [
  "| a | b |\n| - | - |\n| 1 | 2 |\n",
  "a | b\n--|--\n1 | 2\n",
  "| a |\n| :-: |\n",
  "| a |\n---\n",
  "Some text\n| a | b |\n| --- | --- |\n| 1 | 2 |\nlazy after\n",
  "> | a | b |\n> | - | - |\n> | 1 | 2 |\n",
  "> | a | b |\n| - | - |\n",
  "- item\n\n  | a | b |\n  | - | - |\n  | 1 | 2 |\n- | x | y |\n  | - | - |\n",
  "| a |\r\n| - |\r\n| 1 |\r\n",
  "| a |\r| - |\r| 1 |\r",
  "| a | b |\n| - | - |\n# heading\n| c |\n",
  "| `a|b` | c \\| d |\n|---|---|\n| x | y |\n",
  "---\ntitle: x\n---\n| a |\n| - |\n",
  "```\n| a |\n| - |\n```\n",
  "    | a |\n    | - |\n",
  "| a | b |\n  | - | - |\n",
  "| a | b |\n| - | - |\n\n| c |\n| - |\n",
  "paragraph\n- | - |\n",
  "| a \u2028 b |\n| - |\n",
  "|\n|-|\n",
  "a\n-\n",
];

describe("remarkGfmTable's line guard", () => {
  it("marks only lines made of -, :, |, > and blanks as possible delimiter rows", () => {
    expect([...findDelimiterLines("| a |\n| :-- |\ntext - more\n> | - |\r\n---\n")]).toEqual([2, 4, 5]);
  });

  it.each(tricky.map((text, index) => [index, text]))(
    "builds the same tree as the bare construct (case %i)",
    (_, text) => {
      expect(parseGuarded(text)).toEqual(unguarded.parse(text));
    },
  );

  it("builds the same tree for every markdown file in the repository and a generated long plan", () => {
    const texts = [
      ...markdownFiles(join(repoRoot, "fixtures")),
      ...markdownFiles(join(repoRoot, "prompts")),
      ...markdownFiles(join(repoRoot, "docs")),
    ].map((file) => readFileSync(file, "utf8"));
    texts.push(generatePlan(7, 3000));
    expect(texts.length).toBeGreaterThan(20);
    expect(JSON.stringify(unguarded.parse(texts.at(-1)!))).toContain('"type":"table"');
    for (const text of texts) expect(parseGuarded(text)).toEqual(unguarded.parse(text));
  });
});

describe("bare URLs in the prose mask", () => {
  it("masks http(s) URLs and e-mail addresses, as when GFM autolinked them", () => {
    const text = "See https://robust.example.com/a_(b), or mail robust@example.com.\n";
    const mask = parsePlanDocument(text).proseMask;
    expect(mask).not.toContain("robust");
    expect(mask).toBe(`See ${" ".repeat(32)}, or mail ${" ".repeat(18)}.\n`);
  });

  it("leaves a link's own text and www. literals as prose, as before", () => {
    const mask = parsePlanDocument("[robust https://robust.dev](https://x.dev) www.robust.dev\n").proseMask;
    expect(mask).toContain("robust https://robust.dev");
    expect(mask).toContain("www.robust.dev");
  });
});
