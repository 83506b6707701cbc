import type { LintContext } from "./lint-context.js";

/*
 * What the path rules ask of the workspace listing, computed once per listing and cached: its folders,
 * files by name, a cited file's line count and whether it names an identifier.
 */

const directoriesCache = new WeakMap<ReadonlySet<string>, Set<string>>();
const lineCountCache = new WeakMap<LintContext["readText"], Map<string, number>>();

export function directories(files: ReadonlySet<string>): Set<string> {
  let dirs = directoriesCache.get(files);
  if (!dirs) {
    dirs = new Set();
    for (const file of files) {
      for (let slash = file.indexOf("/"); slash >= 0; slash = file.indexOf("/", slash + 1)) {
        dirs.add(file.slice(0, slash));
      }
    }
    directoriesCache.set(files, dirs);
  }
  return dirs;
}

/** Lines in a file, counted as an editor numbers them (a final newline does not start a line). */
export function lineCount(context: LintContext, viewPath: string, text: string): number {
  let cache = lineCountCache.get(context.readText);
  if (!cache) {
    cache = new Map();
    lineCountCache.set(context.readText, cache);
  }
  let count = cache.get(viewPath);
  if (count === undefined) {
    count = text === "" ? 0 : 1;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) {
      if (at < text.length - 1) count++;
    }
    cache.set(viewPath, count);
  }
  return count;
}

const namesCache = new WeakMap<LintContext["readText"], Map<string, boolean>>();

/** Whether `name` appears as a whole identifier in the file; cached, files are cited many times. */
export function fileHasName(context: LintContext, viewPath: string, text: string, name: string): boolean {
  let cache = namesCache.get(context.readText);
  if (!cache) {
    cache = new Map();
    namesCache.set(context.readText, cache);
  }
  const key = `${viewPath}\0${name}`;
  let found = cache.get(key);
  if (found === undefined) {
    found = containsWholeName(text, name);
    cache.set(key, found);
  }
  return found;
}

const IDENTIFIER_CHAR = /[\w$]/;

/** Whether `name` occurs in `text` with no identifier character right before or after it. */
function containsWholeName(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1];
    const after = text[at + name.length];
    if (!(before && IDENTIFIER_CHAR.test(before)) && !(after && IDENTIFIER_CHAR.test(after))) return true;
  }
  return false;
}

const basenameCache = new WeakMap<ReadonlySet<string>, Map<string, string[]>>();

/** Workspace files by their last path segment, for suffix matches. */
export function filesByBasename(files: ReadonlySet<string>): Map<string, string[]> {
  let index = basenameCache.get(files);
  if (!index) {
    index = new Map();
    for (const file of files) {
      const name = file.slice(file.lastIndexOf("/") + 1);
      const list = index.get(name);
      if (list) list.push(file);
      else index.set(name, [file]);
    }
    basenameCache.set(files, index);
  }
  return index;
}

export const exists = (context: LintContext, viewPath: string) =>
  context.files.has(viewPath) || directories(context.files).has(viewPath);

/** One workspace file whose path ends with the cited path minus its first folders. */
export function uniqueSuffixMatch(context: LintContext, target: string): string | undefined {
  const rest = target.replace(/^(?:\.\.\/)?(?:spec\/|typescript-sdk\/)?/, "");
  if (!rest.includes("/")) return undefined;
  let found: string | undefined;
  // Every file ending in `/${rest}` (or equal to it) has the same last segment as `rest`.
  for (const file of filesByBasename(context.files).get(rest.slice(rest.lastIndexOf("/") + 1)) ?? []) {
    if (file !== target && (file.endsWith(`/${rest}`) || file === rest)) {
      if (found) return undefined;
      found = file;
    }
  }
  return found;
}
