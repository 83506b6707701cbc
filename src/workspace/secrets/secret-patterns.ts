/**
 * Well-known credential shapes, as data. Each match in text bound for a request is replaced by
 * `[REDACTED:<kind>]` (see `redactSecrets`). The shapes follow the providers' documented formats;
 * every pattern has a test with strings it must catch and near-misses it must leave alone
 * (test/workspace/secret-patterns.test.ts). Config `secrets.patterns` adds more.
 *
 * Why not a package: secretlint, the maintained set, needs Node 22 from 12.1 on (this tool supports
 * Node 20), is an async linter whose reported ranges are for display (its AWS secret-key range starts
 * at the label, so redacting by it would send the key's tail), lacks Google API keys and JWTs, and
 * honours `secretlint-disable` comments inside the very files we scan.
 */
export interface SecretPattern {
  /** Names the kind in the marker; kebab-case. A kind may have several shapes (one entry each). */
  kind: string;
  /**
   * Source of a regular expression, compiled with the `g` flag. The whole match is replaced, or only
   * the group named `secret` when there is one (the rest being the label that makes it recognisable).
   */
  source: string;
}

/** Not preceded by a token character: a key inside a longer identifier is not a key. */
const START = "(?<![A-Za-z0-9_-])";
/** Not followed by one: a fixed-length key that goes on is something else. */
const END = "(?![A-Za-z0-9_-])";

// One entry per shape rather than one alternation per kind: a regex that starts with a literal is
// scanned several times faster (measured on a 1.7 MB workspace: 1 ms against 3-50 ms).
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  { kind: "anthropic-api-key", source: `${START}sk-ant-[A-Za-z0-9_-]{20,}` },
  { kind: "openai-api-key", source: `${START}sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}` },
  { kind: "openai-api-key", source: `${START}sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}${END}` },
  { kind: "openai-api-key", source: `${START}sk-[A-Za-z0-9]{48}${END}` },
  {
    kind: "aws-access-key-id",
    source: `(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])`,
  },
  {
    // A secret access key is 40 base64 characters with no prefix of its own: only recognisable by
    // the label in front of it (`aws_secret_access_key = ...`, `"SecretAccessKey": "..."`).
    kind: "aws-secret-access-key",
    source:
      `[Ss][Ee][Cc][Rr][Ee][Tt]_?[Aa][Cc][Cc][Ee][Ss][Ss]_?[Kk][Ee][Yy]["']?\\s*(?::|=>|=)\\s*["']?` +
      `(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])`,
  },
  { kind: "github-token", source: `${START}gh[pousr]_[A-Za-z0-9]{36,}${END}` },
  { kind: "github-token", source: `${START}github_pat_[A-Za-z0-9_]{22,}` },
  { kind: "slack-token", source: `${START}xox[abposre]-[A-Za-z0-9-]{10,}` },
  { kind: "slack-token", source: `${START}xapp-[0-9]-[A-Za-z0-9-]{10,}` },
  {
    kind: "slack-webhook-url",
    source: "https://hooks\\.slack\\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]+",
  },
  { kind: "google-api-key", source: `${START}AIza[0-9A-Za-z_-]{35}${END}` },
  {
    // The whole block, however it is written (lines, or one string literal with `\n` escapes). A
    // BEGIN line with no END nearby (a file cut short) takes the base64 body that follows it.
    kind: "private-key",
    source:
      "-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----" +
      "(?:[\\s\\S]{0,20000}?-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----" +
      // No END: each run of 16+ base64 characters after a line break, space, quote or `\n` escape.
      "|(?:(?:\\s|\\\\n|[\"',])+[A-Za-z0-9+/=]{16,})*)",
  },
  {
    // header.payload.signature, both JSON objects base64url-encoded (so both start with "eyJ").
    kind: "jwt",
    source: `${START}eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}`,
  },
  { kind: "npm-token", source: `${START}npm_[A-Za-z0-9]{36}${END}` },
];
