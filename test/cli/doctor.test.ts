import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkApiKey, checkNode } from "../../src/cli/commands/doctor.js";
import { runCli } from "../support/run-cli.js";
import { copyFixtureWorkspace, fixtureRoots } from "../workspace/copy-fixture-workspace.js";

const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? "", ...extra });

describe("arcp-plan doctor", () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it("passes on the fixture with drift warnings, one line per check", async () => {
    const result = await runCli(["doctor", "--sdk", fixtureRoots.sdk], { env: env() });
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines).toContainEqual(expect.stringMatching(/^ok {4}Node \d+\.\d+\.\d+ \(needs >= 20\.19\)$/));
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^ok {4}v1\.1 draft: \.\.\/spec\/docs\/draft-arcp-1\.1\.md \(states version 1\.1/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^ok {4}v1\.0 draft: \.\.\/spec\/docs\/draft-arcp-1\.0\.md/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^warn {2}examples: the bootstrap says 18; .* has 22/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^warn {2}spec file: the bootstrap names \.\.\/spec\/docs\/draft-arcp-02\.1\.md/),
    );
    for (const name of ["node", "express", "fastify", "hono", "bun", "otel"]) {
      expect(lines).toContain(`ok    middleware/${name}: present`);
    }
    expect(result.stdout).toMatch(/\d+ ok, \d+ warn, 0 fail/);
  });

  it("says whether ANTHROPIC_API_KEY is set and never prints its value", async () => {
    const secret = "sk-ant-test-0123456789-do-not-print";
    const set = await runCli(["doctor", "--sdk", fixtureRoots.sdk], {
      env: env({ ANTHROPIC_API_KEY: secret }),
    });
    expect(set.stdout).toContain("ok    ANTHROPIC_API_KEY: set");
    expect(set.stdout + set.stderr).not.toContain(secret);
    expect(set.stdout + set.stderr).not.toContain(secret.slice(0, 12));
    const json = await runCli(["doctor", "--sdk", fixtureRoots.sdk, "--json"], {
      env: env({ ANTHROPIC_API_KEY: secret }),
    });
    expect(json.stdout).not.toContain(secret);
    const unset = await runCli(["doctor", "--sdk", fixtureRoots.sdk], { env: env() });
    expect(unset.stdout).toContain("warn  ANTHROPIC_API_KEY: not set");
  });

  it("warns about a middleware folder the bootstrap names that is missing", async () => {
    const copy = await copyFixtureWorkspace();
    cleanup = copy.cleanup;
    await rm(join(copy.roots.reference, "packages/middleware/hono"), { recursive: true });
    const result = await runCli(["doctor"], { cwd: copy.roots.sdk, env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "warn  middleware/hono: named by the bootstrap but missing from ../typescript-sdk/packages/middleware/",
    );
    expect(result.stdout).toContain("ok    middleware/bun: present");
  });

  it("fails (exit 1) when a workspace part is missing, naming the path and the fix", async () => {
    const result = await runCli(["doctor", "--sdk", fixtureRoots.sdk, "--reference", "/no/such/ts-sdk"], {
      env: env(),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "fail  TypeScript reference not found: /no/such/ts-sdk (from --reference)",
    );
    expect(result.stdout).toContain("--reference DIR");
    expect(result.stdout).toContain("workspace.reference");
  });

  it("fails (exit 1) when no v1.1 draft exists and says which versions it found", async () => {
    const copy = await copyFixtureWorkspace();
    cleanup = copy.cleanup;
    await rm(join(copy.roots.spec, "docs/draft-arcp-1.1.md"));
    const result = await runCli(["doctor"], { cwd: copy.roots.sdk, env: env() });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("fail  no v1.1 spec draft found");
    expect(result.stdout).toContain("draft-arcp-1.0.md: states version 1.0");
    expect(result.stdout).toContain("warn  reading list: spec draft of the target version missing");
  });

  it("fails (exit 1) on a config that other commands refuse: an unknown lint rule id, a missing prompt folder", async () => {
    const copy = await copyFixtureWorkspace();
    cleanup = copy.cleanup;
    const clean = await runCli(["doctor"], { cwd: copy.roots.sdk, env: env() });
    expect(clean.stdout).toContain("ok    lint settings: 13 rules, none set in the config");
    expect(clean.stdout).toMatch(
      /^ok {4}bootstrap: .*BOOTSTRAP\.md \(the built-in seed; the checkout has no BOOTSTRAP\.md\): 10 phases, protocol 1\.1$/m,
    );
    await writeFile(
      join(copy.roots.sdk, "arcp-plan.config.json"),
      JSON.stringify({ lint: { rules: { "no-such-rule": "off" } }, pipeline: { prompts: "my-prompts" } }),
    );
    const result = await runCli(["doctor"], { cwd: copy.roots.sdk, env: env() });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^fail {2}lint settings: the lint section of .* does not validate/m);
    expect(result.stdout).toContain("lint.rules.no-such-rule: unknown rule id");
    expect(result.stdout).toMatch(/^fail {2}bootstrap: .*my-prompts/m);
    expect(result.stdout).toMatch(/\d+ ok, \d+ warn, 2 fail/);
    const lint = await runCli(["lint"], { cwd: copy.roots.sdk, env: env() });
    expect(lint.code, "lint refuses the same config").toBe(2);
  });

  it("prints the checks as JSON with --json", async () => {
    const result = await runCli(["doctor", "--sdk", fixtureRoots.sdk, "--json"], { env: env() });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      checks: { id: string; status: string; message: string }[];
      summary: { ok: number; warn: number; fail: number };
    };
    expect(report.summary.fail).toBe(0);
    expect(report.checks.find((check) => check.id === "drift.examples")?.status).toBe("warn");
    expect(report.checks.find((check) => check.id === "spec.current")?.status).toBe("ok");
  });
});

describe("doctor's pure checks", () => {
  it("checks the Node floor", () => {
    expect(checkNode("20.19.0").status).toBe("ok");
    expect(checkNode("22.1.0").status).toBe("ok");
    expect(checkNode("20.18.3").status).toBe("fail");
    expect(checkNode("18.20.0").status).toBe("fail");
  });
  it("treats an empty key as not set", () => {
    expect(checkApiKey({ ANTHROPIC_API_KEY: " " }).status).toBe("warn");
    expect(checkApiKey({ ANTHROPIC_API_KEY: "k" }).message).toBe("ANTHROPIC_API_KEY: set");
    expect(checkApiKey({ ANTHROPIC_AUTH_TOKEN: "t" }).message).toBe("ANTHROPIC_AUTH_TOKEN: set");
    expect(checkApiKey({ ANTHROPIC_API_KEY: "k", ANTHROPIC_AUTH_TOKEN: "t" }).message).toBe(
      "ANTHROPIC_API_KEY: set",
    );
    expect(checkApiKey({}).message).toContain("ANTHROPIC_AUTH_TOKEN works too");
  });
});
