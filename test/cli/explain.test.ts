import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../support/run-cli.js";

const fixture = (name: string) => join(repoRoot, "fixtures/bootstraps", name);

describe("arcp-plan explain", () => {
  let temp: string;
  beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), "arcp-plan-explain-"));
  });
  afterAll(async () => {
    await rm(temp, { recursive: true, force: true });
  });

  it("prints the compiled program: version, system parts, banned words, reading list, phases", async () => {
    const result = await runCli(["explain", "--bootstrap", fixture("blockquote-prompts.md")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "protocol 1.1 (line 28); plans in planning/v1.1/; draft it names ../spec/docs/draft-widget-1.1.md (line 11; runs use the draft that states 1.1, see run --dry-run)",
    );
    expect(result.stdout).toMatch(
      /^system text: 6 of 8 parts sent with the tool.s "how this run works", [\d,]+ bytes, ~[\d,]+ tokens$/m,
    );
    expect(result.stdout).toMatch(
      /^workspace-note +- +7 .* no \(the tool's "how this run works" replaces it\)$/m,
    );
    expect(result.stdout).toContain("blazing fast (unless a benchmark says so) (line 70)");
    expect(result.stdout).toMatch(
      /^04-examples +subagent +01,02 +01,03 +claude-\S+ +blockquote, lines 55-59 +[\d,]+ bytes, ~\d+ tokens +3$/m,
    );
    expect(result.stdout).toMatch(/^05-roadmap +lead +01,02,03,04 /m);
  });

  it("prints one phase by number from the SDK checkout's BOOTSTRAP.md, each check with its line", async () => {
    await writeFile(join(temp, "BOOTSTRAP.md"), await readFile(fixture("blockquote-prompts.md"), "utf8"));
    const result = await runCli(["explain", "4"], { cwd: temp });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("04-examples — Examples (subagent), section at line 53");
    expect(result.stdout).toContain("not upstream in the table's schedule, written in parallel: 03-packages");
    expect(result.stdout).toContain(
      [
        "  line 56  row-per-item  table: the table with one row per reference example",
        "    from:  `planning/v1.1/04-examples.md` with one row per reference example: its",
        "    check: a table with columns /\\bts\\b|typescript|reference/, one row per item of the workspace's reference-examples",
      ].join("\n"),
    );
  });

  it("--json gives the compiled phase with its lines", async () => {
    const result = await runCli([
      "explain",
      "03-packages",
      "--json",
      "--bootstrap",
      fixture("blockquote-prompts.md"),
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      protocolVersion: { value: string };
      phase: {
        id: string;
        needs: string[];
        instructions: { form: string; line: number };
        checks: { line: number }[];
      };
      notUpstream: string[];
    };
    expect(json.protocolVersion.value).toBe("1.1");
    expect(json.phase.id).toBe("03-packages");
    expect(json.phase.instructions).toMatchObject({ form: "blockquote", line: 45 });
    expect(json.phase.checks.map((check) => check.line)).toEqual([49, 50]);
    expect(json.notUpstream).toEqual([]);
  });

  it("exits 2 with the line and what was expected when the bootstrap does not compile", async () => {
    const result = await runCli(["explain", "--bootstrap", fixture("cycle.md")]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      "cycle.md:8: a dependency cycle, each phase depending on the next: 02-second → 03-third → 02-second",
    );
  });

  it("exits 2 for an unknown phase, saying which ones exist", async () => {
    const unknown = await runCli(["explain", "9", "--bootstrap", fixture("blockquote-prompts.md")]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown phase '9'");
    expect(unknown.stderr).toContain("use one of: 01-delta, 02-audit, 03-packages, 04-examples, 05-roadmap");
    const missing = await runCli(["explain", "--bootstrap", join(temp, "nope.md")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `bootstrap not found: ${join(temp, "nope.md")} (the file named by --bootstrap)`,
    );
  });

  it("in a checkout without BOOTSTRAP.md, explains the built-in seed with its overrides, model and config", async () => {
    const empty = join(temp, "empty");
    await mkdir(empty);
    await writeFile(
      join(empty, "arcp-plan.config.json"),
      JSON.stringify({ model: { phases: { "05-middleware": { name: "claude-sonnet-5" } } } }),
    );
    const overview = await runCli(["explain"], { cwd: empty });
    expect(overview.code, overview.stderr).toBe(0);
    expect(overview.stdout).toMatch(/prompts\/BOOTSTRAP\.md \(the built-in seed\): ARCP Python SDK/);
    expect(overview.stdout).toMatch(/^05-middleware +subagent +01,02 +01,02,03,04 +claude-sonnet-5 /m);
    const phase = await runCli(["explain", "4", "--model", "claude-haiku-4-5"], { cwd: empty });
    expect(phase.code, phase.stderr).toBe(0);
    expect(phase.stdout).toContain("model:        claude-haiku-4-5, at most 12,000 output tokens");
    expect(phase.stdout).toContain("checks from override files (4):");
    expect(phase.stdout).toContain("  mentions: the Python concurrency story (for python SDKs)");
  });
});
