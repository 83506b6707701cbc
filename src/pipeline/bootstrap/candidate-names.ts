import { escapeRegExp } from "../../lint/escape-reg-exp.js";

/**
 * The names a plan may use for a backticked candidate: `pydantic v2` → pydantic, `attrs+cattrs` →
 * attrs, cattrs, `mypy --strict` → mypy, a Maven coordinate `org.mockito:mockito-core` → also
 * mockito-core, a qualified class `java.net.http.HttpClient` → also HttpClient. Folders (`scripts/`)
 * and bare versions (`v7`) are not candidates. More names only make "names one of them" easier to
 * meet, never harder, so a plan that picks a candidate is never told it picked none.
 */
export function candidateNames(code: string): string[] {
  const token = code.trim().split(/\s+/)[0]!.replace(/\(\)$/, "");
  if (token.endsWith("/")) return [];
  const names: string[] = [];
  for (const part of token.split("+")) {
    if (/^v?\d+(?:\.[\dx]+)*$/i.test(part) || part.length < 2) continue;
    names.push(part);
    const coordinate = /^[\w.-]+:([\w.-]+)$/.exec(part);
    if (coordinate) names.push(coordinate[1]!);
    const qualified = /^[a-z]\w*(?:\.[a-z]\w*)+\.([A-Z]\w+)$/.exec(part);
    if (qualified) names.push(qualified[1]!);
  }
  return [...new Set(names)];
}

/** One case-insensitive pattern matching any of the names as a whole word. */
export function anyNamePattern(names: readonly string[]): string {
  return `(?<!\\w)(?:${names.map(escapeRegExp).join("|")})(?!\\w)`;
}
