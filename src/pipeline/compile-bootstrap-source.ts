import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { BootstrapSource } from "../workspace/read-bootstrap-source.js";
import type { CompiledBootstrap } from "./bootstrap/compiled-bootstrap.js";
import { lintProgramFingerprint } from "./lint-program-fingerprint.js";
import { packageFolder } from "./package-folder.js";
import { sha256 } from "./sha256.js";
import { writeFileAtomically } from "./write-file-atomically.js";

/** The seed bootstrap the tool ships (the Python one): the program when nothing else names one. */
export function builtinBootstrapPath(): string {
  return path.join(packageFolder("prompts"), "BOOTSTRAP.md");
}

type Source = Pick<BootstrapSource, "path" | "text">;
const compiled = new Map<string, CompiledBootstrap>();
let compiler: typeof import("./compile-bootstrap.js").compileBootstrap | undefined;
const memoKey = (source: Source) => `${source.path}\0${source.text}`;
let fingerprint: Promise<string> | undefined;

/**
 * Compiles a bootstrap once per process, and once per text and build on this machine: the result is
 * kept in the user's cache folder (`$ARCP_PLAN_CACHE_DIR`, else `$XDG_CACHE_HOME/arcp-plan`, else
 * `~/.cache/arcp-plan`), keyed by the text and the running code, so a re-lint answered from the lint
 * cache loads no markdown parser at all (~100 ms). Without any of those variables nothing is written.
 * A bootstrap that does not compile throws its `config` error and is never cached.
 */
export async function prepareBootstrap(source: Source): Promise<CompiledBootstrap> {
  const known = compiled.get(memoKey(source));
  if (known) return known;
  const file = await cacheFile(source.text);
  const cached = file === undefined ? undefined : await readFile(file, "utf8").catch(() => undefined);
  if (cached !== undefined) {
    try {
      const result = JSON.parse(cached) as CompiledBootstrap;
      compiled.set(memoKey(source), result);
      return result;
    } catch {
      // A damaged entry: compile again and rewrite it.
    }
  }
  compiler ??= (await import("./compile-bootstrap.js")).compileBootstrap;
  const result = compileBootstrapSource(source);
  if (file !== undefined) await save(file, result);
  return result;
}

/**
 * The compiled bootstrap of a source `prepareBootstrap` has seen (`openWorkspace` and
 * `loadPhaseDefinitions` prepare theirs). Errors name the file by its path.
 */
export function compileBootstrapSource(source: Source): CompiledBootstrap {
  let result = compiled.get(memoKey(source));
  if (!result) {
    if (!compiler)
      throw new Error(`arcp-plan: ${source.path} was compiled before prepareBootstrap loaded the compiler`);
    result = compiler(source.text, source.path);
    compiled.set(memoKey(source), result);
  }
  return result;
}

async function cacheFile(text: string): Promise<string | undefined> {
  const { ARCP_PLAN_CACHE_DIR, XDG_CACHE_HOME, HOME } = process.env;
  const base =
    ARCP_PLAN_CACHE_DIR ||
    (XDG_CACHE_HOME && path.join(XDG_CACHE_HOME, "arcp-plan")) ||
    (HOME && path.join(HOME, ".cache", "arcp-plan"));
  if (!base) return undefined;
  // Stats every file of the running code: once per process, not once per bootstrap.
  fingerprint ??= lintProgramFingerprint();
  const key = sha256(`${await fingerprint}\0${text}`);
  return path.join(base, "bootstraps", `${key}.json`);
}

/** A cache that cannot be written (read-only home, full disk) only costs the next compile. */
async function save(file: string, result: CompiledBootstrap): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomically(file, JSON.stringify(result));
  } catch {
    // Not cached.
  }
}
