import { buildPhaseKey, type PhaseKeyComponents } from "./phase-key.js";
import type { PhaseRunRecord } from "./run-record.js";

/**
 * Whether a phase's plan on disk is still what its current inputs would produce. Pure.
 *
 * - fresh: recorded as done and every key input unchanged. A plan edited by hand with unchanged inputs
 *   is still fresh (`editedByHand: true`): the person's edit is kept and only its dependents go stale
 *   (their upstream hash changed), as issue 5 requires. `--force`, `--from` and `phase <id>` overwrite it.
 * - stale: the reasons say which input changed (several can apply; a hand edit is then listed too,
 *   because re-running replaces it);
 * - missing: no plan file;
 * - failed: the last run failed (lint errors left or nothing written).
 */
export type PhaseFreshness =
  | { state: "fresh"; editedByHand?: true }
  | { state: "stale"; reasons: string[] }
  | { state: "missing"; reason: string }
  | { state: "failed"; reason: string }
  /**
   * A plan file the run record does not know (written by hand or by another tool, or the record was
   * lost). `run` keeps it rather than overwrite work it did not produce; `--force`, `--from` and
   * `phase <id>` regenerate it.
   */
  | { state: "untracked"; reason: string };

export interface PhaseFreshnessInput {
  /** The phase's entry in the run record, if any. */
  entry: PhaseRunRecord | undefined;
  /** Components of the key the phase would get if it ran now. */
  current: PhaseKeyComponents;
  /** sha256 of the plan file on disk, or undefined when there is none. */
  outputHash: string | undefined;
  /** What the prompt hash covers, for the reason ("bootstrap section Phase 5"); default "prompt". */
  promptSource?: string;
}

const LISTED_FILES = 3;

export function phaseFreshness({
  entry,
  current,
  outputHash,
  promptSource,
}: PhaseFreshnessInput): PhaseFreshness {
  if (entry && entry.state !== "done") {
    const what = entry.state === "failed-lint" ? "lint errors left" : "failed";
    return { state: "failed", reason: entry.failure ? `${what}: ${entry.failure}` : what };
  }
  if (outputHash === undefined) {
    return { state: "missing", reason: entry ? "the plan file was deleted" : "never run" };
  }
  if (!entry) {
    return {
      state: "untracked",
      reason: "not written by arcp-plan (no run-record entry); kept until --force, --from or phase <id>",
    };
  }

  const edited = entry.outputHash !== outputHash;
  const reasons = componentChanges(entry.components, current, promptSource);
  if (reasons.length === 0 && buildPhaseKey(current).key !== entry.key) {
    // Same components but another key: the key derivation itself changed between versions.
    reasons.push("key format changed");
  }
  if (reasons.length === 0) return edited ? { state: "fresh", editedByHand: true } : { state: "fresh" };
  if (edited) reasons.push("output edited by hand (re-running replaces the edit)");
  return { state: "stale", reasons };
}

/** Pure: one human reason per changed input, in the order a reader would check them. */
export function componentChanges(
  before: PhaseKeyComponents,
  now: PhaseKeyComponents,
  promptSource = "prompt",
): string[] {
  const reasons: string[] = [];
  if (before.systemPromptHash !== now.systemPromptHash) {
    reasons.push("system prompt changed (the bootstrap's shared parts or the tool's text)");
  }
  if (before.promptHash !== now.promptHash) reasons.push(`${promptSource} changed`);

  const upstream = [...new Set([...Object.keys(before.upstream), ...Object.keys(now.upstream)])].sort();
  for (const name of upstream) {
    const was = before.upstream[name];
    const is = now.upstream[name];
    if (was === is) continue;
    if (is === undefined) reasons.push(`upstream ${name} no longer an input`);
    else if (was === undefined) reasons.push(`upstream ${name} is a new input`);
    else reasons.push(`upstream ${name} changed`);
  }

  const files = [...new Set([...Object.keys(before.bundleFiles), ...Object.keys(now.bundleFiles)])]
    .sort()
    .filter((file) => before.bundleFiles[file] !== now.bundleFiles[file]);
  if (files.length > 0) {
    const listed = files.slice(0, LISTED_FILES).join(", ");
    const more = files.length > LISTED_FILES ? `, +${files.length - LISTED_FILES} more` : "";
    reasons.push(`bundle changed: ${files.length} file${files.length === 1 ? "" : "s"} (${listed}${more})`);
  }

  if (before.model !== now.model) reasons.push(`model changed (${before.model} → ${now.model})`);
  const parameters = [...new Set([...Object.keys(before.parameters), ...Object.keys(now.parameters)])]
    .sort()
    .filter((name) => JSON.stringify(before.parameters[name]) !== JSON.stringify(now.parameters[name]));
  if (parameters.length > 0) reasons.push(`model parameters changed (${parameters.join(", ")})`);
  if (before.toolVersion !== now.toolVersion) {
    reasons.push(`arcp-plan version changed (${before.toolVersion} → ${now.toolVersion})`);
  }
  if (before.lintRulesVersion !== now.lintRulesVersion) reasons.push("lint rule set changed");
  return reasons;
}
