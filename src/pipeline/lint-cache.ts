import { readFile } from "node:fs/promises";
import path from "node:path";
import * as z from "zod";
import type { PlanHeading } from "../lint/lint-context.js";
import type { LintReport } from "../lint/lint-markdown.js";
import { createLintMessage, type LintMessage } from "../lint/lint-message.js";
import { writeFileAtomically } from "./write-file-atomically.js";

/**
 * The lint cache: `lint-cache.json` in the run-record folder (`planning/.arcp-plan/`). Per plan file,
 * the key its last lint ran under (see `lint-cache-key.ts`), the files the rules read with their
 * hashes, and the report; and, by plan text hash, the plan's headings (what sibling plans resolve
 * references against), so an unchanged sibling is not parsed again. The whole file belongs to one
 * linter program: another version or build of the code starts an empty cache. A file that is missing,
 * unreadable, not JSON or not this format is ignored: the lint then runs in full and rewrites it.
 */
export const LINT_CACHE_FILE = "lint-cache.json";
const FORMAT = "arcp-plan lint cache";
const VERSION = 1;

const count = z.number().int().nonnegative();
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const point = z.object({ line: count, column: count });

/** Loose objects: fields a newer `PlanHeading` or message carries are kept, not dropped. */
const headingSchema = z.looseObject({ depth: z.number().int().min(1).max(6), text: z.string() });
const messageSchema = z.looseObject({
  reason: z.string(),
  ruleId: z.string(),
  severity: z.enum(["error", "warning"]),
  line: count,
  column: count,
  place: z.union([point, z.object({ start: point, end: point })]).optional(),
});

const planEntrySchema = z.object({
  key: sha256Hex,
  textHash: sha256Hex,
  /** View path → sha256 of the text the rules read, or null where the file could not be read. */
  reads: z.record(z.string(), sha256Hex.nullable()),
  report: z.object({ messages: z.array(messageSchema), words: count, readingMinutes: z.number().min(0) }),
});

const lintCacheSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  program: z.string(),
  headings: z.record(sha256Hex, z.array(headingSchema)),
  /** By absolute path of the plan file. */
  plans: z.record(z.string(), planEntrySchema),
});

type LintCacheData = z.infer<typeof lintCacheSchema>;
export type CachedPlan = z.infer<typeof planEntrySchema>;

export class LintCache {
  private dirty = false;
  /** Heading entries looked up or added in this run; the others are dropped when saving. */
  private readonly usedHeadings = new Set<string>();

  private constructor(
    private readonly file: string,
    private readonly data: LintCacheData,
  ) {}

  /** Reads the cache of `stateDir` for `program` (see `lintProgramFingerprint`); never throws. */
  static async open(stateDir: string, program: string): Promise<LintCache> {
    const file = path.join(stateDir, LINT_CACHE_FILE);
    const empty: LintCacheData = { format: FORMAT, version: VERSION, program, headings: {}, plans: {} };
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, "utf8"));
    } catch {
      return new LintCache(file, empty); // Missing, unreadable or not JSON: start afresh.
    }
    const parsed = lintCacheSchema.safeParse(data);
    const usable = parsed.success && parsed.data.program === program;
    return new LintCache(file, usable ? parsed.data : empty);
  }

  /** The linter program the cache belongs to. */
  get program(): string {
    return this.data.program;
  }

  headings(textHash: string): readonly PlanHeading[] | undefined {
    const headings = this.data.headings[textHash];
    if (headings) this.usedHeadings.add(textHash);
    return headings;
  }

  rememberHeadings(textHash: string, headings: readonly PlanHeading[]): void {
    this.usedHeadings.add(textHash);
    if (this.data.headings[textHash]) return;
    this.data.headings[textHash] = headings.map((heading) => ({ ...heading }));
    this.dirty = true;
  }

  plan(file: string): CachedPlan | undefined {
    return Object.hasOwn(this.data.plans, file) ? this.data.plans[file] : undefined;
  }

  rememberPlan(file: string, entry: Omit<CachedPlan, "report"> & { report: LintReport }): void {
    const { messages, ...counts } = entry.report;
    this.data.plans[file] = { ...entry, report: { ...counts, messages: messages.map(storedMessage) } };
    this.dirty = true;
  }

  /**
   * Writes the cache atomically when this run changed it, keeping only headings this run used.
   * A cache that cannot be written is not a lint failure: the reason is returned for a note.
   */
  async save(): Promise<string | undefined> {
    const unused = Object.keys(this.data.headings).filter((hash) => !this.usedHeadings.has(hash));
    if (!this.dirty && unused.length === 0) return undefined;
    for (const hash of unused) delete this.data.headings[hash];
    try {
      await writeFileAtomically(this.file, `${JSON.stringify(this.data)}\n`);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }
}

/** The report a cache entry holds, as the linter gave it. */
export function restoreReport(entry: CachedPlan): LintReport {
  const { messages, ...counts } = entry.report;
  return { ...counts, messages: messages.map(restoreMessage) };
}

/** A message's own fields, as JSON keeps them; the stack says where this process created it. */
function storedMessage(message: LintMessage): z.infer<typeof messageSchema> {
  const { stack: _stack, ...fields } = message;
  return JSON.parse(JSON.stringify(fields)) as z.infer<typeof messageSchema>;
}

function restoreMessage(stored: z.infer<typeof messageSchema>): LintMessage {
  const place = stored.place;
  const start = place && "start" in place ? place.start : { line: stored.line, column: stored.column };
  const end = place && "end" in place ? place.end : undefined;
  return Object.assign(createLintMessage(stored.reason, stored.ruleId, stored.severity, start, end), stored);
}
