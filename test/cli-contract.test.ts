import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./support/run-cli.js";

describe("command-line contract", () => {
  it("prints help listing every subcommand and exits 0", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    for (const command of ["run", "phase", "lint", "bundle", "status", "doctor", "demo"]) {
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, "m"));
    }
  });

  it("prints the version and exits 0", async () => {
    const result = await runCli(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("rejects an unknown command with exit 2", async () => {
    const result = await runCli(["frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });

  it("rejects an invalid option value with exit 2 and says what was expected", async () => {
    const result = await runCli(["run", "--concurrency", "zero"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("expected a whole number >= 1");
  });

  it("never tells the user to type npx: inside an SDK checkout it would fetch a package from the registry", async () => {
    const sources = (await readdir(join(repoRoot, "src"), { recursive: true })).filter((f) =>
      f.endsWith(".ts"),
    );
    expect(sources.length).toBeGreaterThan(50);
    for (const file of sources) {
      expect(await readFile(join(repoRoot, "src", file), "utf8"), file).not.toMatch(/\bnpx\b/);
    }
  });
});
