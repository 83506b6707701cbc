import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A folder shipped in the package (`prompts`, `fixtures/workspace`), beside its `package.json`. This
 * code runs from `src/pipeline/` (tsx, vitest) or from a bundled chunk under `dist/`, so the package
 * root is found by walking up.
 */
export function packageFolder(relativePath: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json")) || !existsSync(path.join(dir, relativePath))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`arcp-plan: cannot find the package's ${relativePath}/ folder`);
    dir = parent;
  }
  return path.join(dir, relativePath);
}
