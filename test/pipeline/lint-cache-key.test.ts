import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLintContext, type LintContext } from "../../src/lint/lint-context.js";
import { canonicalJson } from "../../src/pipeline/canonical-json.js";
import { digestSharedContext, planLintKey, recordReads } from "../../src/pipeline/lint-cache-key.js";
import { lintProgramFingerprint, runningCodeFolder } from "../../src/pipeline/lint-program-fingerprint.js";

describe("canonicalJson", () => {
  it("does not depend on insertion order of keys, sets or maps", () => {
    const a = {
      b: new Set(["y", "x"]),
      a: new Map([
        ["k2", 2],
        ["k1", 1],
      ]),
      c: [2, 1],
    };
    const b = {
      c: [2, 1],
      a: new Map([
        ["k1", 1],
        ["k2", 2],
      ]),
      b: new Set(["x", "y"]),
    };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson({ c: [1, 2] })).not.toBe(canonicalJson({ c: [2, 1] }));
  });

  it("leaves out keys whose value is undefined, as JSON does", () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it("refuses what is not plain data instead of hashing it as {}", () => {
    expect(() => canonicalJson({ check: () => true })).toThrow(TypeError);
    expect(() => canonicalJson({ pattern: /x/ })).toThrow(/RegExp/);
    expect(() => canonicalJson([new Date(0)])).toThrow(/Date/);
  });
});

describe("the lint cache key", () => {
  const shared = (parts: Partial<LintContext> = {}) => {
    const { planPath: _path, checks: _checks, ...rest } = createLintContext(parts);
    return rest;
  };

  it("covers every data field of the shared context, and not the readText lookup", () => {
    const base = digestSharedContext(shared());
    const variants: Partial<LintContext>[] = [
      { files: new Set(["src/a.py"]) },
      { spec: { current: { version: "1.1", sections: [{ number: "3", title: "Jobs" }] } } },
      {
        facts: {
          "reference-examples": ["chat"],
          "reference-middleware": [],
          "sdk-modules": [],
          "spec-new-error-codes": [],
        },
      },
      { siblings: new Map([["02-current-audit.md", [{ depth: 2, text: "1. Status" }]]]) },
      { phaseFiles: ["01-spec-delta.md"] },
    ];
    const digests = variants.map((variant) => digestSharedContext(shared(variant)));
    expect(new Set([base, ...digests]).size).toBe(variants.length + 1);
    expect(digestSharedContext(shared({ readText: () => "other" }))).toBe(base);
    // A field added to the context later is covered without touching the key code.
    expect(digestSharedContext({ ...shared(), later: ["x"] } as Partial<LintContext>)).not.toBe(base);
  });

  it("changes with the program, the file, the text and the plan's own checks", () => {
    const sharedPart = shared();
    const parts = {
      program: "p1",
      file: "/w/planning/v1.1/05-middleware.md",
      textHash: "a".repeat(64),
      sharedDigest: digestSharedContext(sharedPart),
      shared: sharedPart,
      context: createLintContext({ planPath: "planning/v1.1/05-middleware.md" }),
    };
    const base = planLintKey(parts);
    const keys = [
      planLintKey({ ...parts, program: "p2" }),
      planLintKey({ ...parts, file: "/w/planning/v1.1/06-examples.md" }),
      planLintKey({ ...parts, textHash: "b".repeat(64) }),
      planLintKey({ ...parts, sharedDigest: "c".repeat(64) }),
      planLintKey({
        ...parts,
        context: { ...parts.context, checks: [{ kind: "code-block", name: "a fence", pattern: "x" }] },
      }),
    ];
    expect(new Set([base, ...keys]).size).toBe(keys.length + 1);
  });

  it("records each file the rules read with the hash of what they got", () => {
    const { readText, reads } = recordReads((path) => (path === "src/a.py" ? "text" : undefined));
    readText("src/a.py");
    readText("src/missing.py");
    readText("src/a.py");
    expect([...reads.keys()]).toEqual(["src/a.py", "src/missing.py"]);
    expect(reads.get("src/a.py")).toMatch(/^[0-9a-f]{64}$/);
    expect(reads.get("src/missing.py")).toBeNull();
  });
});

describe("lintProgramFingerprint", () => {
  it("changes when a file of the running code changes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "arcp-plan-fingerprint-"));
    try {
      await writeFile(join(dir, "package.json"), "{}");
      await mkdir(join(dir, "dist/chunks"), { recursive: true });
      await writeFile(join(dir, "dist/main.js"), "main");
      await writeFile(join(dir, "dist/chunks/rules.js"), "rules v1");
      const folder = runningCodeFolder(join(dir, "dist/chunks/lint.js"));
      expect(folder).toBe(join(dir, "dist"));
      const first = await lintProgramFingerprint(folder);
      expect(await lintProgramFingerprint(folder)).toBe(first);
      await writeFile(join(dir, "dist/chunks/rules.js"), "rules v2");
      await utimes(join(dir, "dist/chunks/rules.js"), new Date(1), new Date(1));
      const second = await lintProgramFingerprint(folder);
      expect(second).not.toBe(first);
      await writeFile(join(dir, "dist/chunks/extra.js"), "");
      expect(await lintProgramFingerprint(folder)).not.toBe(second);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
