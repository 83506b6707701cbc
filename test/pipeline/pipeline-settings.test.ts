import { describe, expect, it } from "vitest";
import { DEFAULT_MODEL } from "../../src/llm/pricing.js";
import type { PhaseDefinition } from "../../src/pipeline/phase-definition.js";
import {
  DEFAULT_CONCURRENCY,
  maxTokensForPhase,
  modelForPhase,
  type RememberedSettings,
  resolvePipelineSettings,
} from "../../src/pipeline/pipeline-settings.js";
import type { Workspace } from "../../src/workspace/resolve-workspace.js";

function workspace(config: Workspace["config"]): Workspace {
  return {
    roots: { sdk: "/ws/sdk", spec: "/ws/spec", reference: "/ws/ts" },
    outDir: "/ws/sdk/planning/v1.1",
    configPath: "/ws/sdk/arcp-plan.config.json",
    config,
    specFile: undefined,
  };
}
const phase = { id: "05-middleware", maxTokens: 12_000, model: "claude-haiku-4-5" } as PhaseDefinition;

describe("pipeline settings", () => {
  it("takes the schedule from the flag, the config, the last run, then the default, and says which", () => {
    const remembered: RememberedSettings = { schedule: "reads" };
    const pick = (config: Workspace["config"], flag?: "table" | "reads", last = remembered) => {
      const s = resolvePipelineSettings(workspace(config), flag ? { schedule: flag } : {}, "/cwd", last);
      return [s.schedule, s.scheduleFrom];
    };
    expect(pick({})).toEqual(["reads", "last run"]);
    expect(pick({ pipeline: { schedule: "table" } })).toEqual(["table", "config"]);
    expect(pick({ pipeline: { schedule: "reads" } }, "table")).toEqual(["table", "flag"]);
    expect(pick({}, undefined, {})).toEqual(["table", "default"]);
    // Remembering the default changes nothing, so it is not announced as the last run's.
    expect(pick({}, undefined, { schedule: "table" })).toEqual(["table", "default"]);
  });

  it("uses defaults when neither flags nor config say anything", () => {
    const s = resolvePipelineSettings(workspace({}), {}, "/cwd");
    expect(s).toMatchObject({
      concurrency: DEFAULT_CONCURRENCY,
      model: DEFAULT_MODEL,
      schedule: "table",
      maxRepairs: 2,
    });
    expect(s.maxCost).toBeUndefined();
  });

  it("lets flags beat config and config beat defaults", () => {
    const ws = workspace({
      pipeline: { concurrency: 3, maxRepairs: 1, schedule: "reads", maxCost: 5, prompts: "my-prompts" },
    });
    const fromConfig = resolvePipelineSettings(ws, {}, "/cwd");
    expect(fromConfig).toMatchObject({
      concurrency: 3,
      maxRepairs: 1,
      schedule: "reads",
      maxCost: 5,
      promptsDir: "/ws/sdk/my-prompts",
    });
    const fromFlags = resolvePipelineSettings(
      ws,
      { concurrency: 2, maxRepairs: 0, schedule: "table", maxCost: 1, prompts: "p" },
      "/cwd",
    );
    expect(fromFlags).toMatchObject({
      concurrency: 2,
      maxRepairs: 0,
      schedule: "table",
      maxCost: 1,
      promptsDir: "/cwd/p",
    });
  });

  it("picks a phase's model: --model, then config per phase, then front matter, then the default", () => {
    const ws = workspace({
      model: { name: "claude-opus-4-1", phases: { "05-middleware": { name: "claude-sonnet-4-0" } } },
    });
    expect(modelForPhase(resolvePipelineSettings(ws, { model: "x" }, "/"), phase)).toBe("x");
    expect(modelForPhase(resolvePipelineSettings(ws, {}, "/"), phase)).toBe("claude-sonnet-4-0");
    expect(modelForPhase(resolvePipelineSettings(workspace({}), {}, "/"), phase)).toBe("claude-haiku-4-5");
    expect(
      modelForPhase(resolvePipelineSettings(workspace({}), {}, "/"), { ...phase, model: undefined }),
    ).toBe(DEFAULT_MODEL);
  });

  it("caps a phase's max tokens with model.maxTokens and merges config prices over the defaults", () => {
    expect(maxTokensForPhase(resolvePipelineSettings(workspace({}), {}, "/"), phase)).toBe(12_000);
    const capped = resolvePipelineSettings(workspace({ model: { maxTokens: 8000 } }), {}, "/");
    expect(maxTokensForPhase(capped, phase)).toBe(8000);
    const priced = resolvePipelineSettings(
      workspace({
        model: { prices: { "claude-new": { input: 1, output: 2, cacheWrite: 1.25, cacheRead: 0.1 } } },
      }),
      {},
      "/",
    );
    expect(priced.prices["claude-new"]).toEqual({ input: 1, output: 2, cacheWrite: 1.25, cacheRead: 0.1 });
    expect(priced.prices[DEFAULT_MODEL]).toBeDefined();
  });
});
