import { findModelSpec, type ModelCatalog, type ModelPrices, type ModelSpec } from "./model-catalog.js";

/** A config entry (`model.models.<id>`): any field of a built-in model, or every field of a new one. */
export interface ModelSpecOverride {
  contextWindow?: number;
  maxOutput?: number;
  thinking?: ModelSpec["thinking"];
  prices?: ModelPrices;
}

export type ModelCatalogResult = { ok: true; catalog: ModelCatalog } | { ok: false; problems: string[] };

const REQUIRED = ["contextWindow", "maxOutput", "thinking", "prices"] as const;

/**
 * Config entries merged over the built-in table, field by field. An entry for a model the table does
 * not know must give every field: a model half-described would be priced or limited by guesswork.
 * Pure; the problems name the config key and what is missing.
 */
export function mergeModelCatalog(
  builtIn: ModelCatalog,
  overrides: Readonly<Record<string, ModelSpecOverride>> | undefined,
): ModelCatalogResult {
  const catalog: Record<string, ModelSpec> = { ...builtIn };
  const problems: string[] = [];
  for (const [id, override] of Object.entries(overrides ?? {})) {
    const base = findModelSpec(id, builtIn);
    if (base) {
      catalog[id] = { ...base, ...withoutUndefined(override) };
      continue;
    }
    const missing = REQUIRED.filter((field) => override[field] === undefined);
    if (missing.length > 0) {
      problems.push(
        `model.models.${id}: ${id} is not a built-in model, so its entry needs ${missing.join(", ")} (it has ${REQUIRED.filter((f) => !missing.includes(f)).join(", ") || "none"})`,
      );
      continue;
    }
    catalog[id] = override as ModelSpec;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, catalog };
}

function withoutUndefined(override: ModelSpecOverride): Partial<ModelSpec> {
  return Object.fromEntries(Object.entries(override).filter(([, value]) => value !== undefined));
}
