import type { PhaseStatus } from "../../pipeline/read-phase-statuses.js";
import type { KeptCopy } from "../../pipeline/run-record.js";
import { formatUsd } from "./format-cost.js";
import { formatKeptCopy } from "./format-secrets.js";
import { renderTable } from "./render-table.js";

/** Kept copies listed by `status`, newest last; older ones are counted. */
const KEPT_SHOWN = 5;
/** A reason longer than this that several phases share is printed once, under the table. */
const INLINE_REASON_CHARS = 40;

/** `status` as a table: phase, state, why, lint errors/warnings, last cost; then the kept copies of hand edits. Pure. */
export function renderStatus(
  statuses: readonly PhaseStatus[],
  warning: string | undefined,
  kept: readonly KeptCopy[] = [],
): string {
  const { cells, notes } = shareLongReasons(statuses.map(describeFreshness));
  const rows = statuses.map((s, index) => [
    s.phase,
    s.freshness.state,
    cells[index]!,
    s.lint ? `${s.lint.errors}/${s.lint.warnings}` : "",
    s.lastCostUsd === undefined ? "" : formatUsd(s.lastCostUsd),
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
  const table = renderTable(["phase", "state", "why", "lint e/w", "last cost"], rows);
  return `${head}${table}\n${notes.map((note) => `${note}\n`).join("")}\n${totals}\n${keptLines}`;
}

/**
 * Pure: long reasons that several rows share become a mark ("[1]") in each row and one note below,
 * so a sentence that applies to every phase is read once, not ten times.
 */
export function shareLongReasons(reasons: readonly string[]): { cells: string[]; notes: string[] } {
  const count = new Map<string, number>();
  for (const reason of reasons) count.set(reason, (count.get(reason) ?? 0) + 1);
  const marks = new Map<string, string>();
  const notes: string[] = [];
  const cells = reasons.map((reason) => {
    if (reason.length <= INLINE_REASON_CHARS || (count.get(reason) ?? 0) < 2) return reason;
    let mark = marks.get(reason);
    if (mark === undefined) {
      mark = `[${marks.size + 1}]`;
      marks.set(reason, mark);
      notes.push(`${mark} ${reason}`);
    }
    return mark;
  });
  return { cells, notes };
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
