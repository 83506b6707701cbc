import { readFile } from "node:fs/promises";
import path from "node:path";
import * as z from "zod";
import { phaseKeyComponentsSchema } from "./phase-key.js";
import { writeFileAtomically } from "./write-file-atomically.js";

/**
 * The run record: what the last run of each phase used and produced, kept in
 * `<parent of the output folder>/.arcp-plan/<folder name>/run-record.json` (for `planning/v1.1/` that is
 * `planning/.arcp-plan/v1.1/`). It is a cache, never trusted blindly: a record that does not parse or
 * validate is ignored with a warning and rebuilt by the next run.
 */
export const RUN_RECORD_VERSION = 1;
export const RUN_RECORD_FILE = "run-record.json";
export const RUN_STATE_FOLDER = ".arcp-plan";

const count = z.number().int().nonnegative();
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const usageSchema = z.object({
  input: count,
  /** All cache writes; `cacheWrite1h` is the part written with the 1-hour lifetime. */
  cacheWrite: count,
  cacheWrite1h: count.optional(),
  cacheRead: count,
  /** Thinking included; `thinking` is the part spent thinking. */
  output: count,
  thinking: count.optional(),
});
export type Usage = z.infer<typeof usageSchema>;

export const phaseRunRecordSchema = z.object({
  /** done: written and lint-clean; failed-lint: written with lint errors left; failed: nothing written. */
  state: z.enum(["done", "failed-lint", "failed"]),
  /** Why the phase failed, for `status`. */
  failure: z.string().optional(),
  key: sha256Hex,
  components: phaseKeyComponentsSchema,
  /** sha256 of the plan file as written; absent when nothing was written. */
  outputHash: sha256Hex.optional(),
  usage: usageSchema,
  /** US dollars, priced with the table in force at the time. */
  costUsd: z.number().nonnegative(),
  /** Share of the phase's prompt tokens read from the prompt cache (0..1). */
  cacheReadShare: z.number().min(0).max(1).optional(),
  lint: z.object({ errors: count, warnings: count }).optional(),
  timings: z.object({ startedAt: z.iso.datetime(), finishedAt: z.iso.datetime(), durationMs: count }),
  requestIds: z.array(z.string()),
  /** Model calls made (agent-loop turns, repairs and retries included). */
  attempts: count,
  repairRounds: count,
});
export type PhaseRunRecord = z.infer<typeof phaseRunRecordSchema>;

/** A plan that differed from what arcp-plan last wrote, copied aside before a run overwrote it. */
export const keptCopySchema = z.object({
  phase: z.string(),
  /** The plan, as seen from the SDK checkout ("planning/v1.1/04-architecture.md"). */
  file: z.string(),
  /** The copy ("planning/.arcp-plan/kept/<run start>/04-architecture.md"). */
  keptAs: z.string(),
  /** "edited by hand", "not written by arcp-plan" ... */
  reason: z.string(),
  at: z.iso.datetime(),
});
export type KeptCopy = z.infer<typeof keptCopySchema>;

/**
 * A phase stopped by Ctrl-C after some of its calls were billed. No plan was written and the phase's
 * entry (if any, from an earlier run) stays as it was, but `status` must not say "never run" about a
 * phase that cost money. Cleared when the phase next settles.
 */
export const interruptedAttemptSchema = z.object({
  at: z.iso.datetime(),
  usage: usageSchema,
  /** US dollars; 0 when the model has no price. */
  costUsd: z.number().nonnegative(),
});
export type InterruptedAttempt = z.infer<typeof interruptedAttemptSchema>;

export const runRecordSchema = z.object({
  version: z.literal(RUN_RECORD_VERSION),
  updatedAt: z.iso.datetime().optional(),
  /** The schedule the phases were last run under; later commands follow it unless told otherwise. */
  schedule: z.enum(["table", "reads"]).optional(),
  /** By phase id. */
  phases: z.record(z.string(), phaseRunRecordSchema),
  /** Every kept copy, oldest first (absent until the first one). */
  kept: z.array(keptCopySchema).optional(),

  /** By phase id: billed attempts that were interrupted, newer than the phase's entry. */
  interrupted: z.record(z.string(), interruptedAttemptSchema).optional(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

export function emptyRunRecord(): RunRecord {
  return { version: RUN_RECORD_VERSION, phases: {} };
}

/**
 * Puts a phase's outcome into the record (in place): a settled entry, which clears an interrupted
 * attempt noted before it, or an interrupted attempt, which leaves an earlier entry as it was. The
 * record also keeps the schedule the phases ran under.
 */
export function recordPhaseOutcome(
  record: RunRecord,
  phaseId: string,
  outcome: PhaseRunRecord | InterruptedAttempt,
  schedule: NonNullable<RunRecord["schedule"]>,
): void {
  if ("state" in outcome) {
    record.phases[phaseId] = outcome;
    delete record.interrupted?.[phaseId];
  } else {
    record.interrupted = { ...record.interrupted, [phaseId]: outcome };
  }
  record.updatedAt = new Date().toISOString();
  record.schedule = schedule;
}

/**
 * Pure: the folder holding the run record for an output folder: `.arcp-plan/<folder name>/` beside it
 * (`planning/.arcp-plan/v1.1/`), so the plans of v1.1 and v1.2 keep separate records.
 */
export function runStateDir(outDir: string): string {
  const resolved = path.resolve(outDir);
  return path.join(path.dirname(resolved), RUN_STATE_FOLDER, path.basename(resolved));
}

/** Where versions before 0.2 kept the record: `.arcp-plan/` itself, one output folder per parent. */
function legacyRecordFile(stateDir: string): string | undefined {
  const parent = path.dirname(stateDir);
  return path.basename(parent) === RUN_STATE_FOLDER ? path.join(parent, RUN_RECORD_FILE) : undefined;
}

/**
 * Reads `<stateDir>/run-record.json`. Missing → an empty record. Unreadable, not JSON, or not this
 * version's schema → an empty record plus a warning for the user; never a crash.
 */
export async function readRunRecord(stateDir: string): Promise<{ record: RunRecord; warning?: string }> {
  let file = path.join(stateDir, RUN_RECORD_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const legacy = legacyRecordFile(stateDir);
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT")
      return { record: emptyRunRecord(), warning: ignored(file, (error as Error).message) };
    const old = legacy === undefined ? undefined : await readFile(legacy, "utf8").catch(() => undefined);
    if (old === undefined) return { record: emptyRunRecord() };
    // Read once from the old place; the next write goes to the new one.
    [file, text] = [legacy!, old];
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      record: emptyRunRecord(),
      warning: ignored(file, `not valid JSON (${(error as Error).message})`),
    };
  }
  const result = runRecordSchema.safeParse(data);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first ? `${first.path.map(String).join(".") || "(top level)"}: ${first.message}` : "";
    return {
      record: emptyRunRecord(),
      warning: ignored(file, `not a version ${RUN_RECORD_VERSION} run record (${where})`),
    };
  }
  return { record: result.data };
}

/** Validates and writes the record atomically (temp file + fsync + rename). */
export async function writeRunRecord(stateDir: string, record: RunRecord): Promise<void> {
  const valid = runRecordSchema.parse(record);
  await writeFileAtomically(path.join(stateDir, RUN_RECORD_FILE), `${JSON.stringify(valid, null, 2)}\n`);
}

function ignored(file: string, reason: string): string {
  return `ignored the run record ${file}: ${reason}; every phase counts as not yet run and the record will be rebuilt`;
}
