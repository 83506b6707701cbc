import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../support/run-cli.js";
import { copyFixtureWorkspace } from "../workspace/copy-fixture-workspace.js";

// What a maintainer meets around the bootstrap: a seed run for another language is said before money
// is spent, an override folder reaches lint and doctor, a config typo in model.phases stops the run,
// and a bootstrap file that is a folder, not UTF-8 or CRLF is handled on purpose.

const env = () => ({ PATH: process.env.PATH ?? "" });
const seedText = () => readFile(join(repoRoot, "prompts/BOOTSTRAP.md"), "utf8");

describe("the bootstrap at the edges", () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });
  const workspace = async () => {
    const copy = await copyFixtureWorkspace();
    cleanup = copy.cleanup;
    return copy.roots.sdk;
  };

  it("a Go checkout with an empty BOOTSTRAP.md: the dry run names the seed and says what that means", async () => {
    const sdk = await workspace();
    await rm(join(sdk, "pyproject.toml"));
    await writeFile(join(sdk, "go.mod"), "module example.com/arcp\n\ngo 1.22\n");
    await writeFile(join(sdk, "BOOTSTRAP.md"), "");
    const dry = await runCli(["run", "--dry-run", "--force"], { cwd: sdk, env: env() });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(
      /^Bootstrap: .*prompts\/BOOTSTRAP\.md \(builtin\) · protocol 1\.1 · plans in planning\/v1\.1\//m,
    );
    expect(dry.stdout).toContain(
      `notice: ${join(sdk, "BOOTSTRAP.md")} is empty: the built-in seed bootstrap runs instead`,
    );
    expect(dry.stdout).toMatch(
      /notice: the bootstrap in force \(.*\) is written for a python SDK and this one is go/,
    );
    const json = JSON.parse(
      (await runCli(["run", "--dry-run", "--json"], { cwd: sdk, env: env() })).stdout,
    ) as {
      notices: string[];
      phases: { why: string[] }[];
    };
    expect(json.notices).toHaveLength(2);
    expect(json.phases[0]?.why[0]).toMatch(/not written by arcp-plan/);
  });

  it("lint and doctor take --prompts; a model.phases key naming no phase stops run and explain", async () => {
    const sdk = await workspace();
    const prompts = join(sdk, "my-overrides");
    await mkdir(prompts);
    await writeFile(
      join(prompts, "05-middleware.md"),
      "---\nid: 05-middleware\nchecks:\n  - kind: mentions\n    name: the word zebra\n    patterns: ['zebra']\n---\n",
    );
    const lint = await runCli(["lint", "--prompts", prompts], { cwd: sdk, env: env() });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain("Expected the word zebra: nothing matches /zebra/");
    const doctor = await runCli(["doctor", "--prompts", join(sdk, "nope")], { cwd: sdk, env: env() });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/^fail {2}bootstrap: override folder not found or unreadable: .*nope/m);

    await writeFile(
      join(sdk, "arcp-plan.config.json"),
      JSON.stringify({ model: { phases: { "5-mw": { name: "claude-sonnet-5-5" } } } }),
    );
    for (const args of [["run", "--dry-run"], ["explain"]]) {
      const result = await runCli(args, { cwd: sdk, env: env() });
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("model.phases names a phase the bootstrap does not have: 5-mw");
      expect(result.stderr).toContain("hint: use the bootstrap's phase ids: 01-spec-delta,");
    }
  });

  it("keeps the compiled bootstrap in the cache folder, and survives a damaged entry", async () => {
    const sdk = await workspace();
    const cache = join(sdk, "..", "cache");
    const withCache = { ...env(), ARCP_PLAN_CACHE_DIR: cache };
    const first = await runCli(["explain", "--json"], { cwd: sdk, env: withCache });
    expect(first.code, first.stderr).toBe(0);
    const entries = await readdir(join(cache, "bootstraps"));
    expect(entries).toHaveLength(1);
    const second = await runCli(["explain", "--json"], { cwd: sdk, env: withCache });
    expect(second.stdout).toBe(first.stdout);
    await writeFile(join(cache, "bootstraps", entries[0]!), "{ not json");
    const third = await runCli(["explain", "--json"], { cwd: sdk, env: withCache });
    expect(third.stdout).toBe(first.stdout);
    // Without HOME, XDG_CACHE_HOME or ARCP_PLAN_CACHE_DIR nothing is written anywhere.
    const none = await runCli(["explain", "--json"], { cwd: sdk, env: env() });
    expect(none.stdout).toBe(first.stdout);
  });

  it("a folder, a Latin-1 file and a CRLF copy of the seed", async () => {
    const sdk = await workspace();
    const folder = await runCli(["explain", "--bootstrap", sdk], { cwd: sdk, env: env() });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(
      `bootstrap is a folder, expected a file such as <folder>/BOOTSTRAP.md: ${sdk}`,
    );

    await writeFile(join(sdk, "BOOTSTRAP.md"), Buffer.from("# Caf\xe9 SDK\n", "latin1"));
    const latin1 = await runCli(["explain"], { cwd: sdk, env: env() });
    expect(latin1.code).toBe(2);
    expect(latin1.stderr).toContain(
      `cannot read the SDK's bootstrap ${join(sdk, "BOOTSTRAP.md")}: is not UTF-8 text`,
    );

    await writeFile(join(sdk, "BOOTSTRAP.md"), `\uFEFF${(await seedText()).replaceAll("\n", "\r\n")}`);
    const crlf = JSON.parse((await runCli(["explain", "--json"], { cwd: sdk, env: env() })).stdout) as {
      run: Record<string, { maxTokens: number; promptSource: string }>;
    };
    // The seed's hand-tuned overrides still apply: the text is the seed's, whatever its line ends.
    expect(crlf.run["04-architecture"]).toMatchObject({
      maxTokens: 12000,
      promptSource: "bootstrap section Phase 4 or its override 04-architecture.md (built-in)",
    });
  });
});
