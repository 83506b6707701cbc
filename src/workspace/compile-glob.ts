import picomatch from "picomatch";

// picomatch never lets a glob cross a `..` segment, but view paths into the spec and the reference start
// with one (`../spec/...`). Both sides swap a leading `../` for a plain segment before matching.
const PARENT = "..";
const PARENT_STANDIN = "@parent";

/** A view path as picomatch may match it: a leading `../` becomes a plain segment. */
export function toGlobSpace(path: string): string {
  return path.startsWith(`${PARENT}/`) || path === PARENT
    ? `${PARENT_STANDIN}${path.slice(PARENT.length)}`
    : path;
}

/**
 * Compiles a path glob (`*`, `**`, `?`, braces ...; `/` separated) into a predicate over view paths. A
 * pattern also matches everything below a folder it matches, so `../typescript-sdk/packages/core` and
 * `../typescript-sdk/packages/core/**` both exclude the whole package.
 */
export function compileGlob(pattern: string): (path: string) => boolean {
  const cleaned = pattern.trim().replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, "");
  const isMatch = picomatch(toGlobSpace(cleaned), { dot: true });
  return (path) => {
    const candidate = toGlobSpace(path);
    if (isMatch(candidate)) return true;
    // A match on any ancestor folder covers the path too.
    for (let slash = candidate.indexOf("/"); slash !== -1; slash = candidate.indexOf("/", slash + 1)) {
      if (isMatch(candidate.slice(0, slash))) return true;
    }
    return false;
  };
}

export function compileGlobs(patterns: readonly string[]): (path: string) => boolean {
  const matchers = patterns.map(compileGlob);
  return (path) => matchers.some((match) => match(path));
}
