import { findModelSpec, type ModelCatalog, type ModelPrices } from "./model-catalog.js";
import type { Usage } from "./usage.js";

/** Cost in US dollars of `usage` at `prices`; each cache lifetime at its own write rate. */
export function priceUsageAt(usage: Usage, prices: ModelPrices): number {
  const write5m = usage.cacheWriteTokens - usage.cacheWrite1hTokens;
  return (
    (usage.inputTokens * prices.input +
      usage.outputTokens * prices.output +
      write5m * prices.cacheWrite5m +
      usage.cacheWrite1hTokens * prices.cacheWrite1h +
      usage.cacheReadTokens * prices.cacheRead) /
    1_000_000
  );
}

/** Cost in US dollars, or undefined when the model is not in the catalog (no guessed price). */
export function priceUsage(usage: Usage, model: string, catalog: ModelCatalog): number | undefined {
  const spec = findModelSpec(model, catalog);
  return spec === undefined ? undefined : priceUsageAt(usage, spec.prices);
}
