import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { canonicalJson } from "./canonical-json.js";
import type { LintCache } from "./lint-cache.js";
import type { LintPhase } from "./load-lint-context.js";
import { loadPhaseDefinitions } from "./load-phase-definitions.js";
import { sha256 } from "./sha256.js";

/**
 * The phases' output names and checks for linting, through the lint cache. Compiling the prompt folder
 * (YAML front matter, schema checks) is the largest part of loading a lint context that does not
 * depend on the plans: ~25-40 ms of a ~130 ms re-lint. The compile depends only on the folder's
 * markdown files (names, kinds, bytes) and on the code, which the cache's program fingerprint covers;
 * so when their hash matches, the cached phases are what compiling would give, and it is skipped.
 */
export async function loadLintPhases(promptsDir: string, cache: LintCache): Promise<readonly LintPhase[]> {
  const key = await hashPromptFolder(promptsDir);
  const cached = key === undefined ? undefined : cache.phases(key);
  if (cached) return cached;
  // A folder that cannot be read fails here with the loader's own message.
  const { phases } = await loadPhaseDefinitions(promptsDir);
  if (key !== undefined) cache.rememberPhases(key, phases);
  return phases;
}

/** A hash over every `*.md` entry of the folder (name, kind, content); undefined when unreadable. */
async function hashPromptFolder(promptsDir: string): Promise<string | undefined> {
  const dir = path.resolve(promptsDir);
  try {
    const entries = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.name.endsWith(".md"))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const files = await Promise.all(
      entries.map(async (entry) => [
        entry.name,
        entry.isFile() ? sha256(await readFile(path.join(dir, entry.name))) : "not a file",
      ]),
    );
    return sha256(canonicalJson({ dir, files }));
  } catch {
    return undefined;
  }
}
