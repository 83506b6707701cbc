import type { Report } from "./lint-rule.js";

/** Patterns of phase checks, compiled once (case-insensitive unless flags say otherwise). */
const regexCache = new Map<string, RegExp | null>();

export function compile(pattern: string, flags = "i"): RegExp | null {
  const key = `${flags}/${pattern}`;
  if (!regexCache.has(key)) {
    try {
      regexCache.set(key, new RegExp(pattern, flags));
    } catch {
      regexCache.set(key, null);
    }
  }
  return regexCache.get(key) ?? null;
}

export function matches(pattern: string, text: string, report: Report): boolean {
  const regex = compile(pattern);
  if (!regex) {
    report(
      `Unexpected invalid pattern /${pattern}/ in the phase's checks, expected a JavaScript regular expression`,
      0,
    );
    return true;
  }
  return regex.test(text);
}
