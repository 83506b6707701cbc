import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../support/run-cli.js";

/** The `npx arcp-plan ...` lines of the README's "A first look without an API key", as argument lists. */
async function firstLookCommands(): Promise<string[][]> {
  const readme = await readFile(join(repoRoot, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### A first look without an API key"));
  const block = /```sh\n([\s\S]*?)\n```/.exec(section)?.[1] ?? "";
  return block
    .split("\n")
    .filter((line) => line.startsWith("npx arcp-plan "))
    .map((line) => line.replace(/#.*$/, "").trim().split(/\s+/).slice(2));
}

describe("the README's first look", () => {
  it("runs as written with no key, and the dry run gives a real estimate", async () => {
    const commands = await firstLookCommands();
    expect(commands.map((args) => args[0])).toEqual(["doctor", "bundle", "lint", "run"]);
    for (const args of commands) {
      const result = await runCli(args, { env: { PATH: process.env.PATH ?? "" } });
      expect(result.code, `${args.join(" ")}\n${result.stderr}`).toBe(0);
      if (args[0] === "lint") expect(result.stdout).toContain("10 files checked, no problems");
      if (args[0] !== "run") continue;
      const estimate = /^Estimated cost: \$(\d+\.\d+)/m.exec(result.stdout)?.[1];
      expect(Number(estimate)).toBeGreaterThan(0);
      expect(result.stdout).not.toContain("untracked (kept)");
      expect(result.stdout).toContain("No request was sent");
    }
  });
});
