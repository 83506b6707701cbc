import type { PhaseStatus } from "../../pipeline/read-phase-statuses.js";
import type { KeptCopy } from "../../pipeline/run-record.js";
import { formatUsd } from "./format-cost.js";
import { formatKeptCopy } from "./format-secrets.js";
import { renderTable } from "./render-table.js";

/** Kept copies listed by `status`, newest last; older ones are counted. */
const KEPT_SHOWN = 5;

/** `status` as a table: phase, state, why, last cost; then the kept copies of hand edits. Pure. */
export function renderStatus(
  statuses: readonly PhaseStatus[],
  warning: string | undefined,
  kept: readonly KeptCopy[] = [],
): string {
  const rows = statuses.map((s) => [
    s.phase,
    s.freshness.state,
    describeFreshness(s),
    s.lint ? `${s.lint.errors}/${s.lint.warnings}` : "",
    formatUsd(s.lastCostUsd),
  ]);
  const counts = new Map<string, number>();
  for (const s of statuses) counts.set(s.freshness.state, (counts.get(s.freshness.state) ?? 0) + 1);
  const totals = [...counts].map(([state, n]) => `${n} ${state}`).join(", ");
  const head = warning ? `warning: ${warning}\n\n` : "";
  const shown = kept.slice(-KEPT_SHOWN);
  const keptLines =
    kept.length === 0
      ? ""
      : `\nkept copies of plans overwritten by a run (${kept.length}${kept.length > shown.length ? `, newest ${shown.length} shown` : ""}):\n${shown.map((copy) => `  ${formatKeptCopy(copy)}`).join("\n")}\n`;
  return `${head}${renderTable(["phase", "state", "why", "lint e/w", "last cost"], rows)}\n\n${totals}\n${keptLines}`;
}

export function describeFreshness(status: PhaseStatus): string {
  const f = status.freshness;
  switch (f.state) {
    case "fresh":
      return f.editedByHand ? "edited by hand; inputs unchanged" : "";
    case "stale":
      return f.reasons.join("; ");
    case "missing":
    case "failed":
    case "untracked":
      return f.reason;
  }
}
