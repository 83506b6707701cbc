import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Workspace } from "../workspace/resolve-workspace.js";
import { canonicalJson } from "./canonical-json.js";
import { builtinBootstrapPath } from "./compile-bootstrap-source.js";
import type { LintCache } from "./lint-cache.js";
import type { LintPhase } from "./load-lint-context.js";
import { loadPhaseDefinitions } from "./load-phase-definitions.js";
import { packageFolder } from "./package-folder.js";
import { sha256 } from "./sha256.js";

/**
 * The phases' output names and checks for linting, through the lint cache. Building the program
 * (override files' YAML front matter, schema checks, the bootstrap's derived checks) is the largest part
 * of loading a lint context that does not depend on the plans. It depends only on the bootstrap's text,
 * the seed, the override folders' markdown files (names, kinds, bytes) and the code, which the cache's
 * program fingerprint covers; so when their hash matches, the cached phases are what building would
 * give, and it is skipped.
 */
export async function loadLintPhases(
  workspace: Pick<Workspace, "bootstrap">,
  promptsDir: string | undefined,
  cache: LintCache,
): Promise<readonly LintPhase[]> {
  const folders = await Promise.all(
    [packageFolder("prompts/overrides"), ...(promptsDir === undefined ? [] : [promptsDir])].map(
      hashPromptFolder,
    ),
  );
  const seed = await readFile(builtinBootstrapPath()).catch(() => undefined);
  const key = folders.includes(undefined)
    ? undefined
    : sha256(
        canonicalJson({ bootstrap: sha256(workspace.bootstrap.text), seed: seed && sha256(seed), folders }),
      );
  const cached = key === undefined ? undefined : cache.phases(key);
  if (cached) return cached;
  // A folder that cannot be read fails here with the loader's own message.
  const { phases } = await loadPhaseDefinitions(workspace, promptsDir);
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
