import type { LintContext } from "../lint/lint-context.js";
import { canonicalJson } from "./canonical-json.js";
import { sha256 } from "./sha256.js";

/*
 * What a cached lint result is keyed on. A plan's findings are a function of its text, the rules' code
 * and its `LintContext`, so the key covers exactly those. The context is digested whole, not as a
 * chosen list of fields, so a field added to `LintContext` later is covered too (and one that is not
 * plain data makes `canonicalJson` throw instead of hashing as `{}`). `readText`, the one field that is
 * a lookup, is covered by recording which files the rules read and what they got (`recordReads`). Pure.
 */

/** The context without `readText`: the lookup is covered by the recorded reads instead. */
function contextData(context: Partial<LintContext>): Record<string, unknown> {
  const { readText: _lookup, ...data } = context;
  return data;
}

/**
 * Digest of the part of the context every plan shares (file list, spec sections, facts, sibling
 * headings, phase files, settings): computed once per lint, not once per plan.
 */
export function digestSharedContext(shared: Partial<LintContext>): string {
  return sha256(canonicalJson(contextData(shared)));
}

export interface PlanLintKeyParts {
  /** The running linter: tool version, rule-set version and a fingerprint of its code. */
  program: string;
  /** Absolute path of the plan. */
  file: string;
  /** sha256 of the plan's text. */
  textHash: string;
  /** `digestSharedContext` of `shared`. */
  sharedDigest: string;
  shared: Partial<LintContext>;
  /** The plan's full context; the fields it has in common with `shared` are covered by the digest. */
  context: LintContext;
}

/** The cache key of one plan's lint. */
export function planLintKey(parts: PlanLintKeyParts): string {
  const own = Object.fromEntries(
    Object.entries(contextData(parts.context)).filter(([field]) => !(field in parts.shared)),
  );
  return sha256(
    canonicalJson({
      program: parts.program,
      file: parts.file,
      text: parts.textHash,
      shared: parts.sharedDigest,
      own,
    }),
  );
}

/** What a recorded read is compared by: the text's sha256, or `null` for a file that could not be read. */
export function readHash(text: string | undefined): string | null {
  return text === undefined ? null : sha256(text);
}

/**
 * Wraps a context's `readText` so that every file the rules read is recorded with the hash of what
 * they got. A cached result stays valid while each of those files reads the same.
 */
export function recordReads(readText: LintContext["readText"]): {
  readText: LintContext["readText"];
  reads: Map<string, string | null>;
} {
  const reads = new Map<string, string | null>();
  return {
    reads,
    readText: (viewPath) => {
      const text = readText(viewPath);
      if (!reads.has(viewPath)) reads.set(viewPath, readHash(text));
      return text;
    },
  };
}
