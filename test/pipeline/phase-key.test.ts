import { describe, expect, it } from "vitest";
import { buildPhaseKey } from "../../src/pipeline/phase-key.js";
import { components, sha } from "./phase-key-fixtures.js";

describe("buildPhaseKey", () => {
  it("is a sha256 that keeps its components", () => {
    const input = components();
    const { key, components: kept } = buildPhaseKey(input);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(kept).toBe(input);
  });

  it("does not depend on the order keys were inserted in", () => {
    const a = components({
      bundleFiles: { x: sha("1"), y: sha("2") },
      parameters: { b: 1, a: [1, { d: 2, c: 3 }] },
    });
    const b = components({
      bundleFiles: { y: sha("2"), x: sha("1") },
      parameters: { a: [1, { c: 3, d: 2 }], b: 1 },
    });
    expect(buildPhaseKey(a).key).toBe(buildPhaseKey(b).key);
  });

  it("changes with every component", () => {
    const base = buildPhaseKey(components()).key;
    const variants = [
      components({ systemPromptHash: sha("other system") }),
      components({ promptHash: sha("prompt v2") }),
      components({ bundleFiles: { "src/arcp/session.py": sha("edited") } }),
      components({ upstream: { "01-spec-delta.md": sha("edited") } }),
      components({ model: "model-b" }),
      components({ parameters: { maxTokens: 8000, maxTurns: 20 } }),
      components({ toolVersion: "0.2.0" }),
      components({ lintRulesVersion: "2" }),
    ];
    const keys = variants.map((variant) => buildPhaseKey(variant).key);
    expect(new Set([base, ...keys]).size).toBe(variants.length + 1);
  });
});
