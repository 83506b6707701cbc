import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "../support/run-cli.js";

// DESIGN.md §8: lint/ depends on nothing above or beside it (only errors/ and packages).
it("src/lint imports nothing from workspace, llm, pipeline or cli", () => {
  const root = join(repoRoot, "src/lint");
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) {
        for (const match of readFileSync(path, "utf8").matchAll(/from\s+"([^"]+)"/g)) {
          if (/\/(workspace|llm|pipeline|cli)\//.test(match[1]!))
            offenders.push(`${relative(root, path)}: ${match[1]}`);
        }
      }
    }
  };
  walk(root);
  expect(offenders).toEqual([]);
});
