import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FAKE_MODELS } from "../../src/demo/fake-anthropic/fake-models.js";
import { mapStopReason } from "../../src/llm/map-api-message.js";
import { mergeModelCatalog } from "../../src/llm/merge-model-catalog.js";
import {
  BUILT_IN_MODELS,
  DEFAULT_MODEL,
  EFFORT_LEVELS,
  findModelSpec,
  THINKING_MODES,
  thinkingSettingFor,
} from "../../src/llm/model-catalog.js";
import { CONFIG_EFFORT_LEVELS, CONFIG_THINKING_MODES } from "../../src/workspace/config-schema.js";
import { repoRoot } from "../support/run-cli.js";

// The SDK's own types are the authority on what exists: read the unions out of its .d.ts.
const sdkTypes = readFileSync(
  join(repoRoot, "node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts"),
  "utf8",
);
function literalsOf(pattern: RegExp): string[] {
  const match = pattern.exec(sdkTypes);
  if (!match) throw new Error(`not found in the SDK's messages.d.ts: ${pattern}`);
  return [...match[1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

describe("the model catalog", () => {
  it("defaults to claude-opus-5-5 and names only models the SDK's Model union lists", () => {
    const sdkModels = literalsOf(/export type Model = ([^;]+);/);
    expect(DEFAULT_MODEL).toBe("claude-opus-5-5");
    expect(BUILT_IN_MODELS[DEFAULT_MODEL]).toBeDefined();
    for (const id of Object.keys(BUILT_IN_MODELS)) expect(sdkModels, id).toContain(id);
    // Retired models are not offered.
    expect(findModelSpec("claude-sonnet-4-5", BUILT_IN_MODELS)).toBeUndefined();
  });

  it("offers exactly the SDK's effort levels, and config validates the same lists", () => {
    expect([...EFFORT_LEVELS]).toEqual(literalsOf(/effort\?: ([^;]+?) \| null;/));
    expect([...CONFIG_EFFORT_LEVELS]).toEqual([...EFFORT_LEVELS]);
    expect([...CONFIG_THINKING_MODES]).toEqual([...THINKING_MODES]);
  });

  it("knows every stop reason the SDK declares, so none falls through as 'other'", () => {
    const reasons = literalsOf(/export type StopReason = ([^;]+);/);
    expect(reasons).toContain("model_context_window_exceeded");
    for (const reason of reasons) expect(mapStopReason(reason)).toBe(reason);
    expect(mapStopReason("something_new")).toBe("other");
  });

  it("agrees with the fake API on every built-in model's limits and thinking", () => {
    for (const [id, spec] of Object.entries(BUILT_IN_MODELS)) {
      expect(FAKE_MODELS[id], id).toEqual({
        contextWindow: spec.contextWindow,
        maxOutput: spec.maxOutput,
        thinking: spec.thinking,
      });
    }
  });

  it("sends adaptive thinking to the models that have it, and no setting to the others", () => {
    expect(thinkingSettingFor(BUILT_IN_MODELS["claude-opus-5-5"])).toBe("adaptive");
    expect(thinkingSettingFor(BUILT_IN_MODELS["claude-opus-5"])).toBe("adaptive");
    expect(thinkingSettingFor(BUILT_IN_MODELS["claude-sonnet-5-5"])).toBe("adaptive");
    expect(thinkingSettingFor(BUILT_IN_MODELS["claude-haiku-4-5"])).toBeUndefined();
    expect(thinkingSettingFor(undefined)).toBeUndefined();
  });

  it("merges config entries: any field of a built-in model, every field of a new one", () => {
    const prices = { input: 1, output: 2, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 };
    const merged = mergeModelCatalog(BUILT_IN_MODELS, {
      "claude-opus-5-5": { prices },
      "claude-new-6": { contextWindow: 500_000, maxOutput: 32_000, thinking: "adaptive", prices },
    });
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.catalog["claude-opus-5-5"]).toEqual({ ...BUILT_IN_MODELS["claude-opus-5-5"], prices });
    expect(merged.catalog["claude-new-6"]?.contextWindow).toBe(500_000);

    const incomplete = mergeModelCatalog(BUILT_IN_MODELS, { "claude-new-6": { prices } });
    expect(incomplete).toEqual({
      ok: false,
      problems: [
        "model.models.claude-new-6: claude-new-6 is not a built-in model, so its entry needs contextWindow, maxOutput, thinking (it has prices)",
      ],
    });
  });
});
