import type { SecretsConfig } from "../config-schema.js";
import { compileSecretPatterns, type Redaction, redactSecrets } from "./redact-secrets.js";
import { buildSecretFileMatcher } from "./secret-files.js";
import { SECRET_PATTERNS } from "./secret-patterns.js";

/**
 * What must never leave the machine, decided in one place: which files are withheld whole, and how
 * text bound for a request is redacted. Built once per command from config `secrets`.
 */
export interface SecretPolicy {
  /** Why this view path is withheld ("dotenv file"), or undefined when it may be sent. */
  withheldKind(viewPath: string): string | undefined;
  redact(text: string): Redaction;
}

/** Pure: the built-in file rules and patterns, plus config `secrets.files` and `secrets.patterns`. */
export function buildSecretPolicy(config: SecretsConfig = {}): SecretPolicy {
  const patterns = compileSecretPatterns([
    ...SECRET_PATTERNS,
    ...(config.patterns ?? []).map((pattern) => ({ kind: pattern.kind, source: pattern.regex })),
  ]);
  const withheldKind = buildSecretFileMatcher(config.files ?? []);
  return { withheldKind, redact: (text) => redactSecrets(text, patterns) };
}
