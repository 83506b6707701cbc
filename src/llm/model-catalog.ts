/**
 * What the tool knows about each model, as data: limits, how it thinks, and its five list prices.
 * The figures are Anthropic's as of December 2026 (the SDK's `Model` union names these ids). Config
 * (`model.models.<id>`) adds a model or overrides fields of a built-in one; see `merge-model-catalog.ts`.
 */

/**
 * How a model thinks, which decides the `thinking` setting the API accepts:
 * - `always`: adaptive thinking that cannot be turned off; `disabled` or a `budget_tokens` is a 400;
 * - `default-on`: adaptive, on unless disabled;
 * - `adaptive`: adaptive, on when asked for with `{type: "adaptive"}`;
 * - `extended`: opt-in manual thinking with `budget_tokens` (this tool leaves it off);
 * - `none`: no thinking.
 * The first three also take `output_config.effort`.
 */
export const THINKING_MODES = ["always", "default-on", "adaptive", "extended", "none"] as const;
export type ThinkingMode = (typeof THINKING_MODES)[number];

/** `output_config.effort` levels (the SDK's `OutputConfig`). */
export const EFFORT_LEVELS = ["low", "medium", "high", "xhigh", "max"] as const;
export type Effort = (typeof EFFORT_LEVELS)[number];

/**
 * US dollars per million tokens. Each rate is stored, never derived: cache reads are not always
 * 0.1x input (Opus 5.5: 0.05x), nor are the write rates a fixed multiple on every model.
 */
export interface ModelPrices {
  input: number;
  output: number;
  /** Cache writes with the default 5-minute lifetime. */
  cacheWrite5m: number;
  /** Cache writes with the 1-hour lifetime (`cache_control: {ttl: "1h"}`). */
  cacheWrite1h: number;
  cacheRead: number;
}

export interface ModelSpec {
  /** Input plus output tokens one request may hold. */
  contextWindow: number;
  /** The largest `max_tokens` the model accepts (thinking counts toward it). */
  maxOutput: number;
  thinking: ThinkingMode;
  prices: ModelPrices;
  /** Shown in the README and `--help`-like listings: "latest Opus", "legacy". */
  note?: string;
}

export type ModelCatalog = Readonly<Record<string, ModelSpec>>;

/** The model every phase uses unless config (`model.name`, `model.phases.<id>.name`) or `--model` says otherwise. */
export const DEFAULT_MODEL = "claude-opus-5-5";

const K = 1_000;
const M = 1_000_000;

/**
 * Built-in models. Models that are retired (`claude-sonnet-4-5`, 2026-11-30) or that we have no
 * confirmed figures for are left out on purpose: a guessed price would make `--max-cost` lie, and a
 * guessed thinking mode would earn a 400. Config adds them.
 */
export const BUILT_IN_MODELS: ModelCatalog = Object.freeze({
  "claude-opus-5-5": {
    contextWindow: M,
    maxOutput: 128 * K,
    thinking: "always",
    prices: { input: 4, output: 20, cacheWrite5m: 5, cacheWrite1h: 8, cacheRead: 0.2 },
    note: "latest Opus; effort defaults to medium",
  },
  "claude-opus-5": {
    contextWindow: M,
    maxOutput: 128 * K,
    thinking: "default-on",
    prices: { input: 5, output: 25, cacheWrite5m: 6.25, cacheWrite1h: 10, cacheRead: 0.5 },
    note: "legacy",
  },
  "claude-sonnet-5-5": {
    contextWindow: M,
    maxOutput: 128 * K,
    thinking: "adaptive",
    prices: { input: 2, output: 10, cacheWrite5m: 2.5, cacheWrite1h: 4, cacheRead: 0.1 },
  },
  "claude-fable-5-1": {
    contextWindow: M,
    maxOutput: 128 * K,
    thinking: "always",
    prices: { input: 10, output: 50, cacheWrite5m: 12.5, cacheWrite1h: 20, cacheRead: 1 },
  },
  "claude-haiku-4-5": {
    contextWindow: 200 * K,
    maxOutput: 64 * K,
    thinking: "extended",
    prices: { input: 1, output: 5, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 },
  },
});

/** A model's entry; dated ids ("claude-haiku-4-5-20251001") fall back to their alias. */
export function findModelSpec(model: string, catalog: ModelCatalog): ModelSpec | undefined {
  const exact = catalog[model];
  if (exact) return exact;
  const alias = model.replace(/-(\d{8}|latest)$/, "");
  return alias === model ? undefined : catalog[alias];
}

/** Whether the model takes `output_config.effort` (the adaptive-thinking models do). */
export function acceptsEffort(spec: ModelSpec): boolean {
  return spec.thinking === "always" || spec.thinking === "default-on" || spec.thinking === "adaptive";
}

/**
 * The `thinking` setting to send: adaptive for the models that have it (on `always` models this is
 * the only accepted value besides leaving it out), nothing otherwise (extended thinking needs a
 * budget this tool does not ask for). Never `disabled` or a budget, which `always` models reject.
 */
export function thinkingSettingFor(spec: ModelSpec | undefined): "adaptive" | undefined {
  return spec !== undefined && acceptsEffort(spec) ? "adaptive" : undefined;
}
