import type { KeptCopy } from "../../pipeline/run-record.js";
import type { RedactionCounts } from "../../workspace/secrets/redact-secrets.js";

/** "3 strings (anthropic-api-key 2, jwt 1)", "no string"; kinds in name order. Pure. */
export function formatRedactions(counts: RedactionCounts): string {
  const kinds = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const total = kinds.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return "no string";
  return `${total} string${total === 1 ? "" : "s"} (${kinds.map(([kind, count]) => `${kind} ${count}`).join(", ")})`;
}

/** One line per kept copy: where the plan was and where the copy is. Pure. */
export function formatKeptCopy(kept: KeptCopy): string {
  return `${kept.file} (${kept.reason}) -> ${kept.keptAs}`;
}
