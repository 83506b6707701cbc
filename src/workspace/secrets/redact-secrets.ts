import type { SecretPattern } from "./secret-patterns.js";

/** Matches replaced, by kind ("anthropic-api-key": 2). */
export type RedactionCounts = Record<string, number>;

export interface Redaction {
  text: string;
  counts: RedactionCounts;
}

export interface CompiledSecretPattern {
  kind: string;
  regex: RegExp;
}

export function compileSecretPatterns(patterns: readonly SecretPattern[]): CompiledSecretPattern[] {
  return patterns.map((pattern) => ({
    kind: pattern.kind,
    // `d` (match indices) only where a `secret` group needs its position: it costs on every match.
    regex: new RegExp(pattern.source, pattern.source.includes("(?<secret>") ? "gd" : "g"),
  }));
}

export function redactionMarker(kind: string): string {
  return `[REDACTED:${kind}]`;
}

/**
 * Pure: replaces every match of every pattern (or its `secret` group) with `[REDACTED:<kind>]`. Overlapping matches are
 * merged (the earliest names the kind). The marker keeps the newlines of what it replaces, so a
 * redacted file has the same line numbers as the file on disk and `path:line` citations stay true.
 */
export function redactSecrets(text: string, patterns: readonly CompiledSecretPattern[]): Redaction {
  const found: { start: number; end: number; kind: string }[] = [];
  for (const { kind, regex } of patterns) {
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
      // A pattern that matches the empty string would loop forever; config validation refuses such
      // patterns, and this keeps a bad one from hanging a run anyway.
      if (match[0] === "") regex.lastIndex++;
      else {
        const [start, end] = match.indices?.groups?.secret ?? [match.index, match.index + match[0].length];
        found.push({ start, end, kind });
      }
    }
  }
  if (found.length === 0) return { text, counts: {} };
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const counts: RedactionCounts = {};
  const parts: string[] = [];
  let at = 0;
  for (let index = 0; index < found.length; ) {
    const first = found[index]!;
    let end = first.end;
    for (index++; index < found.length && found[index]!.start < end; index++) {
      end = Math.max(end, found[index]!.end);
    }
    const newlines = text.slice(first.start, end).replace(/[^\n]/g, "");
    parts.push(text.slice(at, first.start), redactionMarker(first.kind), newlines);
    counts[first.kind] = (counts[first.kind] ?? 0) + 1;
    at = end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(""), counts };
}

/** Adds `from` into `into` (mutates and returns `into`). */
export function addRedactionCounts(into: RedactionCounts, from: RedactionCounts): RedactionCounts {
  for (const [kind, count] of Object.entries(from)) into[kind] = (into[kind] ?? 0) + count;
  return into;
}

export function totalRedactions(counts: RedactionCounts): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}
