import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LINT_RULESET_VERSION } from "../lint/preset.js";
import { TOOL_VERSION } from "../tool-version.js";
import { canonicalJson } from "./canonical-json.js";
import { sha256 } from "./sha256.js";

/**
 * Which linter produced a cached result: the tool version, the rule-set version, and the size and
 * modification time of every file of the code that is running (`dist/` for the built CLI, `src/` under
 * tsx and vitest). The versions alone would keep serving old findings to anyone who changes a rule
 * and rebuilds without bumping `LINT_RULESET_VERSION`; every build rewrites `dist/`, so it starts a
 * fresh cache. Stats only, no reads: about a millisecond for the built CLI.
 */
export async function lintProgramFingerprint(
  codeFolder = runningCodeFolder(fileURLToPath(import.meta.url)),
): Promise<string> {
  const names = (await readdir(codeFolder, { recursive: true })).sort();
  const stamps = await Promise.all(
    names.map(async (name) => {
      const info = await stat(path.join(codeFolder, name));
      return info.isFile() ? [name, info.size, info.mtimeMs] : undefined;
    }),
  );
  return sha256(
    canonicalJson({
      tool: TOOL_VERSION,
      rules: LINT_RULESET_VERSION,
      code: stamps.filter((stamp) => stamp !== undefined),
    }),
  );
}

/**
 * The top folder of the running code: the ancestor of `modulePath` that sits directly in the package
 * root (the folder with `package.json`), e.g. `dist` for `dist/chunks/lint-….js`. Pure but for
 * `existsSync`.
 */
export function runningCodeFolder(modulePath: string): string {
  let folder = path.dirname(modulePath);
  for (;;) {
    const parent = path.dirname(folder);
    if (parent === folder) return path.dirname(modulePath);
    if (existsSync(path.join(parent, "package.json"))) return folder;
    folder = parent;
  }
}
