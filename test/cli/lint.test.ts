import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../support/run-cli.js";

const fixtureWorkspace = join(repoRoot, "fixtures/workspace");
const fixtureSdk = join(fixtureWorkspace, "python-sdk");
const violating = join(repoRoot, "fixtures/lint/banned-words/violating.md");
const warningsOnly = join(repoRoot, "fixtures/lint/paragraph-cites/violating.md");

describe("arcp-plan lint", () => {
  it("lints every plan of the output folder and exits 0 when they are clean", async () => {
    const result = await runCli(["lint"], { cwd: fixtureSdk });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("planning/v1.1/01-spec-delta.md (");
    expect(result.stdout).toContain("10 files checked, no problems");
  });

  it("prints stylish lines and exits 1 when a file has errors", async () => {
    const result = await runCli(["lint", violating], { cwd: fixtureSdk });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /banned-words\/violating\.md:3:49 {2}error {4}Unexpected banned word `robust`.* {2}banned-words$/m,
    );
    expect(result.stdout).toMatch(/\d+ problems \(\d+ errors, \d+ warnings?\) in 1 file/);
  });

  it("prints the JSON array, one entry per file in the order given", async () => {
    const clean = join(fixtureSdk, "planning/v1.1/03-libraries.md");
    const result = await runCli(["lint", "--format", "json", violating, clean], { cwd: fixtureSdk });
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout) as { file: string; messages: Record<string, unknown>[] }[];
    expect(parsed.map((entry) => entry.file.split("/").at(-1))).toEqual(["violating.md", "03-libraries.md"]);
    expect(parsed[1]!.messages).toEqual([]);
    for (const message of parsed[0]!.messages) {
      expect(Object.keys(message)).toEqual(
        expect.arrayContaining(["ruleId", "severity", "line", "column", "message"]),
      );
    }
  });

  it("prints GitHub annotations and SARIF", async () => {
    const github = await runCli(["lint", "--format", "github", violating], { cwd: fixtureSdk });
    expect(github.code).toBe(1);
    expect(github.stdout.split("\n")[0]).toMatch(
      /^::error file=.*violating\.md,line=3,col=49,title=banned-words::/,
    );
    const sarif = await runCli(["lint", "--format", "sarif", violating], { cwd: fixtureSdk });
    expect((JSON.parse(sarif.stdout) as { version: string }).version).toBe("2.1.0");
  });

  it("exits 0 with warnings only, and 1 once they exceed --max-warnings", async () => {
    const allowed = await runCli(["lint", warningsOnly], { cwd: fixtureSdk });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain("paragraph-cites");
    const strict = await runCli(["lint", "--max-warnings", "0", warningsOnly], { cwd: fixtureSdk });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("exceed --max-warnings 0");
  });

  it("exits 2 naming a file that does not exist", async () => {
    const result = await runCli(["lint", "planning/v1.1/99-nope.md"], { cwd: fixtureSdk });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no such file");
    expect(result.stderr).toContain("99-nope.md");
  });

  it("exits 2 when the workspace cannot be found", async () => {
    const result = await runCli(["lint", "--spec", join(fixtureWorkspace, "no-such-spec")], {
      cwd: fixtureSdk,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no-such-spec");
  });

  describe("in a copy of the workspace", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "arcp-plan-lint-"));
      await cp(fixtureWorkspace, dir, { recursive: true });
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("honours lint.rules from the config file", async () => {
      const sdk = join(dir, "python-sdk");
      await writeFile(
        join(sdk, "planning/v1.1/05-middleware.md"),
        "# 05\n\nA robust adapter in `src/arcp/transport.py`.\n",
      );
      const before = await runCli(["lint", "planning/v1.1/05-middleware.md"], { cwd: sdk });
      expect(before.code).toBe(1);
      expect(before.stdout).toContain("banned-words");
      await writeFile(
        join(sdk, "arcp-plan.config.json"),
        JSON.stringify({ lint: { rules: { "banned-words": "off", "phase-structure": "warning" } } }),
      );
      const after = await runCli(["lint", "planning/v1.1/05-middleware.md"], { cwd: sdk });
      expect(after.stdout).not.toContain("banned-words");
      expect(after.code).toBe(0);
    });

    it("exits 2 on an unknown rule id in the config", async () => {
      const sdk = join(dir, "python-sdk");
      await writeFile(
        join(sdk, "arcp-plan.config.json"),
        JSON.stringify({ lint: { rules: { "no-such-rule": "off" } } }),
      );
      const result = await runCli(["lint"], { cwd: sdk });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("lint.rules.no-such-rule");
    });
  });

  describe("input that is not a plan", () => {
    let dir: string;
    let sdk: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "arcp-plan-lint-input-"));
      await cp(fixtureWorkspace, dir, { recursive: true });
      sdk = join(dir, "python-sdk");
      // The head of an ELF executable: magic, class, data, version, then NUL padding.
      await writeFile(join(dir, "tool"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]));
      await writeFile(join(dir, "binary.md"), Buffer.from("# Plan\n\0\0\0 more\n", "latin1"));
      // "Café" saved as Latin-1: 0xE9 alone is not UTF-8.
      await writeFile(
        join(dir, "latin1.md"),
        Buffer.from("# Plan\n\nCaf\u00e9 in `src/arcp/job.py`.\n", "latin1"),
      );
      await mkdir(join(dir, "empty-plans"));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("exits 2 on a binary file, naming it and why", async () => {
      for (const file of ["tool", "binary.md"]) {
        const result = await runCli(["lint", join(dir, file)], { cwd: sdk });
        expect(result.code, file).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr).toContain(
          `${join(dir, file)}: a binary file (it has NUL bytes), not a markdown plan`,
        );
      }
    });

    it("exits 2 on a file that is not UTF-8, naming the byte and its line", async () => {
      const result = await runCli(["lint", join(dir, "latin1.md")], { cwd: sdk });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("latin1.md: not UTF-8 text: byte 0xE9 on line 3 is not valid UTF-8");
    });

    it("exits 2 on a file that is not markdown, and lists every bad path at once", async () => {
      const result = await runCli(
        ["lint", "pyproject.toml", join(dir, "tool"), "planning/v1.1/01-spec-delta.md"],
        {
          cwd: sdk,
        },
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("cannot lint these 2 paths");
      expect(result.stderr).toContain("pyproject.toml: not a markdown file (.toml); plans are *.md files");
      expect(result.stderr).toContain("tool: a binary file");
    });

    it("lints the plans inside a folder given as an argument", async () => {
      const result = await runCli(["lint", "planning/v1.1"], { cwd: sdk });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("10 files checked, no problems");
    });

    it("exits 2 on an empty plans folder, named or the output folder, unless --allow-empty", async () => {
      const named = await runCli(["lint", join(dir, "empty-plans")], { cwd: sdk });
      expect(named.code).toBe(2);
      expect(named.stderr).toContain(`no plans to lint in ${join(dir, "empty-plans")}`);
      const output = await runCli(["lint", "--out", join(dir, "empty-plans")], { cwd: sdk });
      expect(output.code).toBe(2);
      expect(output.stderr).toContain(`arcp-plan: no plans to lint in ${join(dir, "empty-plans")}`);
      expect(output.stderr).toContain("--allow-empty");
      const allowed = await runCli(["lint", "--allow-empty", "--out", join(dir, "empty-plans")], {
        cwd: sdk,
      });
      expect(allowed.code).toBe(0);
      expect(allowed.stderr).toContain("no plans to lint in");
    });
  });
});
