import { describe, expect, it } from "vitest";
import { ArcpPlanError } from "../../src/errors/arcp-plan-error.js";
import { DEFAULT_MODEL } from "../../src/llm/model-catalog.js";
import type { PhaseDefinition } from "../../src/pipeline/phase-definition.js";
import { phaseModelCall } from "../../src/pipeline/phase-model-call.js";
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
    bootstrap: { path: "/ws/sdk/BOOTSTRAP.md", text: "", origin: "checkout" },
    protocolVersion: "1.1",
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
      model: { name: "claude-opus-5", phases: { "05-middleware": { name: "claude-sonnet-5-5" } } },
    });
    expect(modelForPhase(resolvePipelineSettings(ws, { model: "x" }, "/"), phase)).toBe("x");
    expect(modelForPhase(resolvePipelineSettings(ws, {}, "/"), phase)).toBe("claude-sonnet-5-5");
    expect(modelForPhase(resolvePipelineSettings(workspace({}), {}, "/"), phase)).toBe("claude-haiku-4-5");
    expect(
      modelForPhase(resolvePipelineSettings(workspace({}), {}, "/"), { ...phase, model: undefined }),
    ).toBe(DEFAULT_MODEL);
  });

  it("caps a phase's max tokens with model.maxTokens, then with the model's own output limit", () => {
    expect(maxTokensForPhase(resolvePipelineSettings(workspace({}), {}, "/"), phase)).toBe(12_000);
    const capped = resolvePipelineSettings(workspace({ model: { maxTokens: 8000 } }), {}, "/");
    expect(maxTokensForPhase(capped, phase)).toBe(8000);
    const big = { ...phase, maxTokens: 100_000 };
    expect(phaseModelCall(resolvePipelineSettings(workspace({}), {}, "/"), big).maxTokens).toBe(64_000);
  });

  it("picks the effort: --effort, then config per phase, then model.effort; refuses it for a model without effort", () => {
    const ws = workspace({ model: { effort: "low", phases: { "05-middleware": { effort: "max" } } } });
    const opus = { ...phase, model: "claude-opus-5-5" };
    expect(phaseModelCall(resolvePipelineSettings(ws, { effort: "high" }, "/"), opus).effort).toBe("high");
    expect(phaseModelCall(resolvePipelineSettings(ws, {}, "/"), opus).effort).toBe("max");
    expect(phaseModelCall(resolvePipelineSettings(ws, {}, "/"), { ...opus, id: "06-examples" }).effort).toBe(
      "low",
    );
    expect(phaseModelCall(resolvePipelineSettings(workspace({}), {}, "/"), opus)).toMatchObject({
      effort: undefined,
      thinking: "adaptive",
      contextWindow: 1_000_000,
    });
    const error = (() => {
      try {
        phaseModelCall(resolvePipelineSettings(ws, {}, "/"), phase);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ArcpPlanError);
    expect((error as ArcpPlanError).kind).toBe("usage");
    expect((error as Error).message).toMatch(/claude-haiku-4-5 takes no effort setting .* "max"/);
  });

  it("merges config models over the built-in table and names what a new model lacks", () => {
    const prices = { input: 1, output: 2, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 };
    const added = resolvePipelineSettings(
      workspace({
        model: {
          models: { "claude-new": { contextWindow: 9000, maxOutput: 100, thinking: "none", prices } },
        },
      }),
      {},
      "/",
    );
    expect(added.catalog["claude-new"]?.prices).toEqual(prices);
    expect(added.catalog[DEFAULT_MODEL]).toBeDefined();
    expect(() =>
      resolvePipelineSettings(workspace({ model: { models: { "claude-new": { prices } } } }), {}, "/"),
    ).toThrow(ArcpPlanError);
  });
});
