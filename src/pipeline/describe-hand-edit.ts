import type { PhaseRunRecord } from "./run-record.js";

/**
 * Pure: why the plan on disk is not what the run record says arcp-plan wrote for its phase, or
 * undefined when it is (or when there is no plan). Such a plan is copied aside before anything
 * overwrites it; `run --dry-run` and `status` use the same answer.
 */
export function describeHandEdit(
  entry: PhaseRunRecord | undefined,
  planHash: string | undefined,
): string | undefined {
  if (planHash === undefined) return undefined;
  if (entry === undefined) return "not written by arcp-plan";
  // The last run failed and wrote nothing, so the record no longer says what the file should hold.
  if (entry.outputHash === undefined) return "not recorded as written by arcp-plan";
  return entry.outputHash === planHash ? undefined : "edited by hand";
}
