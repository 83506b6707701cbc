import type { PhaseTableRow } from "./parse-phase-table.js";

/**
 * The plans a phase's instructions tell the model to read: "Read 01 + 02 + 04", a plan's file name
 * (`planning/v1.1/02-current-audit.md`), or "read every plan" (all the phases it depends on). Only
 * two-digit numbers joined by "+" count, so "§12", "87%" and "3.11" are never taken for phases.
 */
const NUMBER_CHAIN = /\b\d{2}(?:\s*\+\s*\d{2})+\b/g;
const READ_ONE = /\bread\s+(\d{2})\b/gi;
const EVERY_PLAN = /\bread\s+(?:every|all(?:\s+the)?|each)\s+(?:\w+\s+)?plans?\b/i;

export function parsePhaseReads(
  text: string,
  row: PhaseTableRow,
  rows: readonly PhaseTableRow[],
  needs: readonly string[],
): string[] {
  const byNumber = new Map(rows.map((other) => [other.number, other.id]));
  const reads = new Set<string>();
  const numbers = [
    ...[...text.matchAll(NUMBER_CHAIN)].flatMap((match) => match[0].split("+")),
    ...[...text.matchAll(READ_ONE)].map((match) => match[1]!),
  ];
  for (const number of numbers) {
    const id = byNumber.get(Number(number.trim()));
    if (id !== undefined) reads.add(id);
  }
  for (const other of rows) if (text.includes(`${other.id}.md`)) reads.add(other.id);
  if (EVERY_PLAN.test(text)) for (const id of needs) reads.add(id);
  reads.delete(row.id);
  return rows.map((other) => other.id).filter((id) => reads.has(id));
}

/**
 * A phase that names the plan of a phase that depends on it ("see `10-synthesis.md`" in phase 8) cannot
 * wait for it: that plan is written after this one. Such reads are dropped, so the reads schedule never
 * has a cycle the table does not. Pure; `phases` carry their table needs.
 */
export function withoutLaterReads<T extends { id: string; needs: readonly string[]; reads: string[] }>(
  phases: readonly T[],
): T[] {
  const needs = new Map(phases.map((phase) => [phase.id, phase.needs]));
  /** Whether `id` waits, directly or through others, for `ancestor` (the table has no cycle). */
  const dependsOn = (id: string, ancestor: string): boolean =>
    (needs.get(id) ?? []).some((need) => need === ancestor || dependsOn(need, ancestor));
  return phases.map((phase) => ({
    ...phase,
    reads: phase.reads.filter((read) => !dependsOn(read, phase.id)),
  }));
}
