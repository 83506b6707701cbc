/**
 * Compiles a path glob (`*`, `**`, `?`; `/` separated) into a predicate over view paths. A pattern also
 * matches everything below a folder it matches, so `../typescript-sdk/packages/core` and
 * `../typescript-sdk/packages/core/**` both exclude the whole package.
 */
export function compileGlob(pattern: string): (path: string) => boolean {
  const cleaned = pattern.trim().replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, "");
  let source = "";
  for (let i = 0; i < cleaned.length; i++) {
    const char = cleaned[i]!;
    if (char === "*") {
      if (cleaned[i + 1] === "*") {
        const slashAfter = cleaned[i + 2] === "/";
        source += slashAfter ? "(?:.*/)?" : ".*";
        i += slashAfter ? 2 : 1;
      } else {
        source += "[^/]*";
      }
    } else if (char === "?") {
      source += "[^/]";
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  const regex = new RegExp(`^${source}(?:/.*)?$`);
  return (path) => regex.test(path);
}

export function compileGlobs(patterns: readonly string[]): (path: string) => boolean {
  const matchers = patterns.map(compileGlob);
  return (path) => matchers.some((match) => match(path));
}
