import { describe, expect, it } from "vitest";
import {
  compileSecretPatterns,
  redactionMarker,
  redactSecrets,
} from "../../src/workspace/secrets/redact-secrets.js";
import { redactStrings } from "../../src/workspace/secrets/redact-strings.js";
import { SECRET_PATTERNS } from "../../src/workspace/secrets/secret-patterns.js";
import { buildSecretPolicy } from "../../src/workspace/secrets/secret-policy.js";

// Key-shaped strings are assembled at run time, so the repository itself holds none (and a scanner
// run over it finds none). `chars(n)` gives n characters of a varied alphabet.
const ALPHABET = "aB3dE5gH7jK9mN1pQ2sT4vW6yZ8";
const chars = (n: number, alphabet = ALPHABET) =>
  Array.from({ length: n }, (_, i) => alphabet[(i * 7) % alphabet.length]).join("");
const upper = (n: number) => chars(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const pem = (label: string, lines: number) => [
  `-----BEGIN ${label}-----`,
  ...Array.from({ length: lines }, () => chars(64)),
  `-----END ${label}-----`,
];

interface Case {
  kind: string;
  /** Each must be redacted whole (as the only secret in its line). */
  matches: string[];
  /** Each must come through untouched. */
  nearMisses: string[];
}

const jwt = `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ sub: "1234567890", name: "x" })}.${chars(43)}`;

const CASES: Case[] = [
  {
    kind: "anthropic-api-key",
    matches: [`sk-ant-api03-${chars(93)}AA`, `sk-ant-admin01-${chars(40)}`, `sk-ant-e2e-${chars(24)}`],
    nearMisses: [
      "sk-ant-",
      "keys look like sk-ant-api03-... and are secret",
      `sk-ant-${chars(12)}`,
      `mask-ant-api03-${chars(40)}`,
    ],
  },
  {
    kind: "openai-api-key",
    matches: [`sk-proj-${chars(64)}`, `sk-${chars(20)}T3BlbkFJ${chars(20)}`, `sk-${chars(48)}`],
    nearMisses: [`sk-${chars(47)}`, `sk-${chars(49)}`, "sk-proj-short", `task-${chars(48)}`, "scikit-learn"],
  },
  {
    kind: "aws-access-key-id",
    matches: [`AKIA${upper(16)}`, `ASIA${upper(16)}`],
    nearMisses: [
      `AKIA${upper(15)}`,
      `AKIA${upper(17)}`,
      `akia${upper(16).toLowerCase()}`,
      `XAKIA${upper(16)}`,
    ],
  },
  {
    kind: "aws-secret-access-key",
    matches: [
      `aws_secret_access_key = ${chars(40)}`,
      `"SecretAccessKey": "${chars(40)}"`,
      `AWS_SECRET_ACCESS_KEY=${chars(40)}`,
    ],
    nearMisses: [
      `aws_secret_access_key = ${chars(39)}`,
      `aws_secret_access_key = os.environ["AWS_SECRET_ACCESS_KEY"]`,
      // 40 base64 characters with no label: indistinguishable from a hash, left alone.
      `checksum = ${chars(40)}`,
    ],
  },
  {
    kind: "github-token",
    matches: [`ghp_${chars(36)}`, `gho_${chars(36)}`, `github_pat_${chars(22)}_${chars(59)}`],
    nearMisses: [`ghp_${chars(35)}`, "ghp_", `xghp_${chars(36)}`, "github_pat_short"],
  },
  {
    kind: "slack-token",
    matches: [`xoxb-123456789012-1234567890123-${chars(24)}`, `xapp-1-A0${chars(10)}-${chars(30)}`],
    nearMisses: ["xoxb-", "xoxb-token", "xoxb-...", `fooxoxb-${chars(20)}`],
  },
  {
    kind: "slack-webhook-url",
    matches: [`https://hooks.slack.com/services/T${upper(8)}/B${upper(8)}/${chars(24)}`],
    nearMisses: ["https://hooks.slack.com/services/", "https://api.slack.com/messaging/webhooks"],
  },
  {
    kind: "google-api-key",
    matches: [`AIza${chars(35)}`],
    nearMisses: [`AIza${chars(34)}`, `AIza${chars(36)}`, "AIza"],
  },
  {
    kind: "private-key",
    matches: [
      pem("RSA PRIVATE KEY", 5).join("\n"),
      pem("OPENSSH PRIVATE KEY", 3).join("\r\n"),
      pem("PRIVATE KEY", 2).join("\\n"),
      pem("PGP PRIVATE KEY BLOCK", 2).join("\n"),
      // Cut short (a truncated file): the header and the body that follows still go.
      pem("EC PRIVATE KEY", 4).slice(0, 3).join("\n"),
    ],
    nearMisses: [
      pem("PUBLIC KEY", 3).join("\n"),
      pem("CERTIFICATE", 3).join("\n"),
      "BEGIN PRIVATE KEY",
      "the file starts with a PRIVATE KEY header",
    ],
  },
  {
    kind: "jwt",
    matches: [
      jwt,
      `${b64url({ alg: "RS256", kid: "k-1" })}.${b64url({ iss: "x", exp: 1 })}.${chars(86)}-_${chars(20)}`,
    ],
    nearMisses: [
      `${b64url({ alg: "HS256" })}.${b64url({ sub: "1" })}`,
      "eyJhbGciOiJIUzI1NiJ9",
      `${b64url({ alg: "HS256", typ: "JWT" })}.notjson.${chars(43)}`,
    ],
  },
  {
    kind: "npm-token",
    matches: [`npm_${chars(36)}`],
    nearMisses: [`npm_${chars(35)}`, "npm_config_registry", `npm_${chars(37)}`],
  },
];

const patterns = compileSecretPatterns(SECRET_PATTERNS);

describe("secret patterns", () => {
  it("every built-in kind has a case here", () => {
    expect(new Set(CASES.map((c) => c.kind))).toEqual(new Set(SECRET_PATTERNS.map((p) => p.kind)));
  });

  for (const { kind, matches, nearMisses } of CASES) {
    describe(kind, () => {
      it.each(matches.map((secret) => [secret]))("redacts %s", (secret) => {
        const text = `before ${secret} after`;
        const { text: redacted, counts } = redactSecrets(text, patterns);
        const newlines = "\n".repeat(secret.split("\n").length - 1);
        const kept = kind === "aws-secret-access-key" ? keptLabel(secret) : "";
        expect(redacted).toBe(
          `before ${kept}${redactionMarker(kind)}${newlines}${trailer(kind, secret)} after`,
        );
        expect(counts).toEqual({ [kind]: 1 });
      });
      it.each(nearMisses.map((text) => [text]))("leaves %s alone", (text) => {
        expect(redactSecrets(text, patterns)).toEqual({ text, counts: {} });
      });
    });
  }
});

/** The label in front of an AWS secret stays: only the `secret` group is replaced. */
function keptLabel(line: string): string {
  return line.slice(0, line.length - 40 - (line.endsWith('"') ? 1 : 0));
}
function trailer(kind: string, secret: string): string {
  return kind === "aws-secret-access-key" && secret.endsWith('"') ? '"' : "";
}

describe("redactSecrets", () => {
  it("keeps line numbers: a redacted key block leaves as many newlines as it had", () => {
    const text = ["line 1", ...pem("RSA PRIVATE KEY", 6), "line 10"].join("\n");
    const { text: redacted } = redactSecrets(text, patterns);
    expect(redacted.split("\n")).toHaveLength(text.split("\n").length);
    expect(redacted.split("\n")[9]).toBe("line 10");
  });

  it("is idempotent: a marker is never itself redacted", () => {
    const once = redactSecrets(`a sk-ant-api03-${chars(40)} b ghp_${chars(36)}`, patterns);
    expect(redactSecrets(once.text, patterns)).toEqual({ text: once.text, counts: {} });
    expect(once.counts).toEqual({ "anthropic-api-key": 1, "github-token": 1 });
  });

  it("merges overlapping matches into one marker named after the earliest", () => {
    const token = `ghp_${chars(36)}`;
    const overlapping = compileSecretPatterns([
      { kind: "outer", source: `x${token}y` },
      { kind: "inner", source: token },
    ]);
    expect(redactSecrets(`(x${token}y)`, overlapping)).toEqual({
      text: "([REDACTED:outer])",
      counts: { outer: 1 },
    });
  });

  it("survives a pattern that matches the empty string", () => {
    const empty = compileSecretPatterns([{ kind: "empty", source: "q*" }]);
    expect(redactSecrets("abc", empty)).toEqual({ text: "abc", counts: {} });
  });
});

describe("buildSecretPolicy", () => {
  it("adds config patterns to the built-in ones", () => {
    const policy = buildSecretPolicy({ patterns: [{ kind: "internal-token", regex: "itk_[0-9a-f]{16}" }] });
    expect(policy.redact(`a itk_0123456789abcdef b sk-ant-api03-${chars(30)}`).counts).toEqual({
      "internal-token": 1,
      "anthropic-api-key": 1,
    });
  });
});

describe("redactStrings", () => {
  it("redacts every string of nested data and leaves keys and other values alone", () => {
    const key = `sk-ant-api03-${chars(40)}`;
    const data = { [key.slice(0, 6)]: [`a ${key}`, { n: 1, ok: true, text: key, none: null }] };
    const policy = buildSecretPolicy();
    expect(redactStrings(data, (text) => policy.redact(text).text)).toEqual({
      "sk-ant": [
        "a [REDACTED:anthropic-api-key]",
        { n: 1, ok: true, text: "[REDACTED:anthropic-api-key]", none: null },
      ],
    });
  });
});
