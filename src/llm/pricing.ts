import type { Usage } from "./usage.js";

/** The model a phase uses unless config (`model.name`, `model.phases.<id>.name`) or `--model` says otherwise. */
export const DEFAULT_MODEL = "claude-opus-4-5";

/** US dollars per million tokens. `cacheWrite` is the 5-minute ephemeral write rate (1.25x input). */
export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

function standard(input: number, output: number): ModelPrice {
  return { input, output, cacheWrite: input * 1.25, cacheRead: input * 0.1 };
}

/**
 * Published list prices of models we know with confidence. Unknown models have no price on purpose:
 * a made-up figure would make `--max-cost` lie. Config `model.prices` adds or overrides entries.
 */
export const DEFAULT_PRICES: PriceTable = Object.freeze({
  "claude-opus-4-5": standard(5, 25),
  "claude-opus-4-1": standard(15, 75),
  "claude-opus-4-0": standard(15, 75),
  "claude-opus-4": standard(15, 75),
  "claude-sonnet-4-5": standard(3, 15),
  "claude-sonnet-4-0": standard(3, 15),
  "claude-sonnet-4": standard(3, 15),
  "claude-3-7-sonnet": standard(3, 15),
  "claude-haiku-4-5": standard(1, 5),
  "claude-3-5-haiku": standard(0.8, 4),
});

/** Config prices win over the defaults, model by model. */
export function mergePriceTables(defaults: PriceTable, overrides: PriceTable | undefined): PriceTable {
  return { ...defaults, ...(overrides ?? {}) };
}

/** Finds a model's price; dated ids ("claude-sonnet-4-5-20250929") fall back to their alias. */
export function findModelPrice(model: string, table: PriceTable): ModelPrice | undefined {
  const exact = table[model];
  if (exact) return exact;
  const alias = model.replace(/-(\d{8}|latest)$/, "");
  return alias === model ? undefined : table[alias];
}

/** Cost in US dollars, or undefined when the model has no price in the table. */
export function priceUsage(usage: Usage, model: string, table: PriceTable): number | undefined {
  const price = findModelPrice(model, table);
  if (!price) return undefined;
  return (
    (usage.inputTokens * price.input +
      usage.outputTokens * price.output +
      usage.cacheWriteTokens * price.cacheWrite +
      usage.cacheReadTokens * price.cacheRead) /
    1_000_000
  );
}
