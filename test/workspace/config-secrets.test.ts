import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/workspace/config-schema.js";

describe("config secrets", () => {
  it("accepts extra file globs and patterns", () => {
    const config = {
      secrets: {
        files: ["config/prod.yaml", "*.vault"],
        patterns: [{ kind: "internal-token", regex: "itk_[0-9a-f]{16}" }],
      },
    };
    expect(validateConfig(config)).toEqual({ ok: true, config });
  });

  it("names every bad pattern: one that does not compile, one that matches nothing, a bad kind", () => {
    const result = validateConfig({
      secrets: {
        patterns: [
          { kind: "broken", regex: "([unclosed" },
          { kind: "empty", regex: "x*" },
          { kind: "Not Kebab", regex: "abc" },
        ],
        extra: true,
      },
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([
      expect.stringMatching(/^secrets\.patterns\.0\.regex: Invalid regular expression/),
      "secrets.patterns.1.regex: matches the empty string",
      "secrets.patterns.2.kind: use kebab-case, e.g. internal-token",
      'secrets: Unrecognized key: "extra"',
    ]);
  });
});
