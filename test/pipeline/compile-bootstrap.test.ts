import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { structureCheckSchema } from "../../src/lint/structure-check.js";
import { type CompiledBootstrap, compileBootstrap } from "../../src/pipeline/compile-bootstrap.js";
import { buildPhaseGraph } from "../../src/pipeline/phase-graph.js";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/bootstraps");
const read = (name: string): string => readFileSync(path.join(fixtures, name), "utf8");
const compile = (name: string): CompiledBootstrap => compileBootstrap(read(name), name);

/** The text of a fixture's lines `from`..`to` (1-based, inclusive). */
const lines = (name: string, from: number, to: number): string =>
  read(name)
    .split("\n")
    .slice(from - 1, to)
    .join("\n");

describe("compileBootstrap: a bootstrap whose prompts are blockquotes", () => {
  const compiled = compile("blockquote-prompts.md");
  const phase = (id: string) => compiled.phases.find((candidate) => candidate.id === id)!;

  it("reads the phase graph from the table: ids from file names, owners, needs with a range", () => {
    expect(
      compiled.phases.map(({ id, number, title, owner, needs, inputs, line }) => ({
        id,
        number,
        title,
        owner,
        needs,
        inputs,
        line,
      })),
    ).toEqual([
      { id: "01-delta", number: 1, title: "Delta", owner: "lead", needs: [], inputs: ["spec"], line: 28 },
      {
        id: "02-audit",
        number: 2,
        title: "Audit",
        owner: "lead",
        needs: ["01-delta"],
        inputs: ["SDK"],
        line: 29,
      },
      {
        id: "03-packages",
        number: 3,
        title: "Packages",
        owner: "subagent",
        needs: ["01-delta", "02-audit"],
        inputs: [],
        line: 30,
      },
      {
        id: "04-examples",
        number: 4,
        title: "Examples",
        owner: "subagent",
        needs: ["01-delta", "02-audit"],
        inputs: [],
        line: 31,
      },
      {
        id: "05-roadmap",
        number: 5,
        title: "Roadmap",
        owner: "lead",
        needs: ["01-delta", "02-audit", "03-packages", "04-examples"],
        inputs: [],
        line: 32,
      },
    ]);
    expect(phase("03-packages").output).toBe("03-packages.md");
    expect(phase("03-packages").outputPath).toBe("planning/v1.1/03-packages.md");
  });

  it("takes the version and output folder from the table's paths, and the draft the reading list names", () => {
    expect(compiled.protocolVersion).toEqual({ value: "1.1", line: 28 });
    expect(compiled.outputFolder).toEqual({ value: "planning/v1.1", line: 28 });
    expect(compiled.specDraft).toEqual({ value: "../spec/docs/draft-widget-1.1.md", line: 11 });
    expect(compiled.title).toEqual({ value: "Widget SDK (Elixir) — v1.1 planning bootstrap", line: 1 });
  });

  it("gives a quoted section its prompt without the quote markers, word for word", () => {
    const instructions = phase("04-examples").instructions;
    expect(instructions).toMatchObject({
      form: "blockquote",
      verbatim: false,
      sectionLine: 53,
      line: 55,
      endLine: 59,
    });
    expect(instructions.text).toBe(lines("blockquote-prompts.md", 55, 59).replace(/^> ?/gm, ""));
    expect(instructions.text.startsWith("You map the reference's examples.")).toBe(true);
  });

  it("gives an unquoted section its whole text, heading included", () => {
    expect(phase("01-delta").instructions).toMatchObject({ form: "section", line: 34, endLine: 37 });
    expect(phase("01-delta").instructions.text).toBe(lines("blockquote-prompts.md", 34, 37));
  });

  it("reads what each phase is told to read: numbers, file names and 'every plan'", () => {
    expect(compiled.phases.map((p) => [p.id, p.reads])).toEqual([
      ["01-delta", []],
      ["02-audit", []],
      ["03-packages", ["01-delta", "02-audit"]],
      ["04-examples", ["01-delta", "03-packages"]],
      ["05-roadmap", ["01-delta", "02-audit", "03-packages", "04-examples"]],
    ]);
  });

  it("builds a valid phase graph for the existing scheduler (1 → 2 → {3, 4} → 5)", () => {
    const graph = buildPhaseGraph(compiled.phases, "table");
    expect(graph.levels).toEqual([
      ["01-delta"],
      ["02-audit"],
      ["03-packages", "04-examples"],
      ["05-roadmap"],
    ]);
    expect(graph.siblingsNotAvailable("04-examples")).toEqual(["03-packages"]);
  });

  it("collects the system parts in order, leaving out the workspace note and the phases' intro", () => {
    expect(
      compiled.system.map(({ role, heading, inSystem, line }) => ({ role, heading, inSystem, line })),
    ).toEqual([
      { role: "persona", heading: "", inSystem: true, line: 3 },
      { role: "workspace-note", heading: "", inSystem: false, line: 7 },
      { role: "reading-list", heading: "Ground truth — read in this order", inSystem: true, line: 9 },
      { role: "operating-rules", heading: "Operating rules", inSystem: true, line: 17 },
      { role: "phases-intro", heading: "Phases", inSystem: false, line: 22 },
      { role: "guardrails", heading: "Anti-slop guardrails", inSystem: true, line: 66 },
      { role: "what-good-looks-like", heading: "What good looks like", inSystem: true, line: 74 },
      { role: "shortlist", heading: "Elixir candidate shortlist (Phase 3 seed)", inSystem: true, line: 80 },
    ]);
    const part = (role: string) => compiled.system.find((candidate) => candidate.role === role)!.text;
    expect(part("persona")).toBe(lines("blockquote-prompts.md", 3, 5));
    expect(part("operating-rules")).toBe(lines("blockquote-prompts.md", 17, 20));
    expect(part("phases-intro")).toBe(lines("blockquote-prompts.md", 22, 32));
    // The `---` before the shortlist closes "What good looks like"; it belongs to neither part.
    expect(part("what-good-looks-like")).toBe(lines("blockquote-prompts.md", 74, 76));
    expect(part("shortlist")).toBe(lines("blockquote-prompts.md", 80, 85));
  });

  it("reads the banned words with their qualifiers, and the reading list in order", () => {
    expect(compiled.bannedWords).toEqual([
      { word: "leverage", line: 70 },
      { word: "seamless", line: 70 },
      { word: "blazing fast", note: "(unless a benchmark says so)", line: 70 },
      { word: "world-class", line: 71 },
    ]);
    expect(compiled.readingList).toEqual([
      { group: "Spec v1.1", path: "../spec/docs/draft-widget-1.1.md", line: 11 },
      { group: "Reference", path: "../reference/README.md", line: 13 },
      { group: "Reference", path: "../reference/examples/", line: 14 },
      { group: "This SDK", path: "mix.exs", line: 15 },
      { group: "This SDK", path: "Makefile", line: 15 },
      { group: "This SDK", path: "lib/", line: 15 },
      { group: "This SDK", path: "test/", line: 15 },
    ]);
  });

  it("derives checks from the phase texts, each with its line, valid in the linter's vocabulary", () => {
    const derived = compiled.phases.flatMap((p) => p.checks.map((check) => ({ id: p.id, ...check })));
    expect(derived).toEqual([
      {
        id: "03-packages",
        rule: "concern-list",
        line: 49,
        source: "- JSON: `jason` vs `poison`.",
        check: {
          kind: "mentions",
          name: 'a pick for the concern "JSON"',
          patterns: ["(?<!\\w)(?:jason|poison)(?!\\w)"],
        },
      },
      {
        id: "03-packages",
        rule: "concern-list",
        line: 50,
        source: "- HTTP client: `req` vs `finch` vs Tesla.",
        check: {
          kind: "mentions",
          name: 'a pick for the concern "HTTP client"',
          patterns: ["(?<!\\w)(?:req|finch|Tesla)(?!\\w)"],
        },
      },
      {
        id: "04-examples",
        rule: "row-per-item",
        line: 56,
        source: "`planning/v1.1/04-examples.md` with one row per reference example: its",
        check: {
          kind: "table",
          name: "the table with one row per reference example",
          columns: ["\\bts\\b|typescript|reference"],
          rowPerItem: "reference-examples",
        },
      },
      {
        id: "04-examples",
        rule: "lettered-files",
        line: 58,
        source: "above, and draw (a) the supervision tree and (b) the message flow as",
        check: {
          kind: "count",
          name: "the 2 .dot files of the set (a)–(b)",
          pattern: "[\\w./-]+\\.dot\\b",
          min: 2,
        },
      },
      {
        id: "04-examples",
        rule: "percentage",
        line: 57,
        source: "name, the Elixir module, and the spec §. Keep test coverage at 90% or",
        check: { kind: "mentions", name: "the 90% the phase states", patterns: ["(?<![\\w.])90 ?%"] },
      },
    ]);
    for (const { check } of derived) expect(structureCheckSchema.safeParse(check).success).toBe(true);
  });
});

describe("compileBootstrap: a prompt marked 'Use this prompt verbatim:'", () => {
  const compiled = compile("verbatim-marker.md");
  const libraries = compiled.phases.find((phase) => phase.id === "02-libraries")!;

  it("takes the quote after the marker, and nothing written after the quote", () => {
    expect(libraries.instructions).toMatchObject({
      form: "verbatim-marker",
      verbatim: true,
      line: 22,
      endLine: 27,
    });
    expect(libraries.instructions.text).toBe(lines("verbatim-marker.md", 22, 27).replace(/^> ?/gm, ""));
    expect(libraries.instructions.text).not.toContain("note for the maintainer");
  });

  it("reads a bare number and a comma list in 'Depends on', and a plan path in the prompt as a read", () => {
    expect(compiled.phases.map((phase) => [phase.id, phase.needs, phase.reads])).toEqual([
      ["01-scope", [], []],
      ["02-libraries", ["01-scope"], ["01-scope"]],
      ["03-wrap-up", ["01-scope", "02-libraries"], ["01-scope", "02-libraries"]],
    ]);
  });

  it("has no draft, reading list or persona heading it does not write, and reads curly-quoted banned words", () => {
    expect(compiled.specDraft).toBeUndefined();
    expect(compiled.readingList).toEqual([]);
    expect(compiled.bannedWords.map((word) => word.word)).toEqual(["robust", "next-generation"]);
    expect(libraries.checks.map((check) => check.check)).toEqual([
      {
        kind: "mentions",
        name: 'a pick for the concern "Logging"',
        patterns: ["(?<!\\w)(?:swift-log|OSLog)(?!\\w)"],
      },
      {
        kind: "mentions",
        name: 'a pick for the concern "Testing"',
        patterns: ["(?<!\\w)(?:XCTest|swift-testing)(?!\\w)"],
      },
    ]);
  });
});

describe("compileBootstrap: a v1.2 bootstrap", () => {
  const compiled = compile("v1-2.md");

  it("plans into planning/v1.2 against the draft it names, with no code knowing 1.2", () => {
    expect(compiled.protocolVersion.value).toBe("1.2");
    expect(compiled.outputFolder.value).toBe("planning/v1.2");
    expect(compiled.specDraft?.value).toBe("../spec/docs/draft-sprocket-1.2.md");
    expect(compiled.phases.map((phase) => phase.outputPath)).toEqual([
      "planning/v1.2/01-delta.md",
      "planning/v1.2/02-design.md",
      "planning/v1.2/03-tests.md",
      "planning/v1.2/04-summary.md",
    ]);
  });

  it("expands a hyphen range and keeps a sibling the prompt reads out of the table's needs", () => {
    const byId = new Map(compiled.phases.map((phase) => [phase.id, phase]));
    expect(byId.get("04-summary")!.needs).toEqual(["02-design", "03-tests"]);
    expect(byId.get("04-summary")!.reads).toEqual(["02-design", "03-tests"]);
    expect(byId.get("03-tests")!.needs).toEqual(["01-delta"]);
    expect(byId.get("03-tests")!.reads).toEqual(["01-delta", "02-design"]);
    expect(buildPhaseGraph(compiled.phases, "table").siblingsNotAvailable("03-tests")).toEqual(["02-design"]);
    expect(buildPhaseGraph(compiled.phases, "reads").levels).toEqual([
      ["01-delta"],
      ["02-design"],
      ["03-tests"],
      ["04-summary"],
    ]);
  });
});

describe("compileBootstrap: a phase that names a later plan", () => {
  it("does not read a plan written after it, so the reads schedule has no cycle the table lacks", () => {
    const text = [
      "# Doohickey SDK — v1.1 planning bootstrap",
      "",
      "## Phases",
      "",
      "| # | File | Owner | Depends on |",
      "| - | ---- | ----- | ---------- |",
      "| 1 | `planning/v1.1/01-delta.md` | you | spec |",
      "| 2 | `planning/v1.1/02-docs.md` | subagent | 01 |",
      "| 3 | `planning/v1.1/03-summary.md` | you | 1-2 |",
      "",
      "### Phase 1 — Delta (you)",
      "",
      "What changes.",
      "",
      "### Phase 2 — Docs (subagent)",
      "",
      "> Read 01. The summary (`planning/v1.1/03-summary.md`) will link to this plan.",
      "",
      "### Phase 3 — Summary (you)",
      "",
      "Read every plan.",
    ].join("\n");
    const compiled = compileBootstrap(text);
    expect(compiled.phases.map((phase) => [phase.id, phase.reads])).toEqual([
      ["01-delta", []],
      ["02-docs", ["01-delta"]],
      ["03-summary", ["01-delta", "02-docs"]],
    ]);
    expect(buildPhaseGraph(compiled.phases, "reads").levels).toEqual([
      ["01-delta"],
      ["02-docs"],
      ["03-summary"],
    ]);
  });
});
