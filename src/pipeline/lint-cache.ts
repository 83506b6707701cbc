import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { PlanHeading } from "../lint/lint-context.js";
import type { LintReport } from "../lint/lint-markdown.js";
import { createLintMessage, type LintMessage, type Severity } from "../lint/lint-message.js";
import { lintProgramFingerprint } from "./lint-program-fingerprint.js";
import type { LintPhase } from "./load-lint-context.js";
import { runStateDir } from "./run-record.js";
import { sha256 } from "./sha256.js";
import { writeFileAtomically } from "./write-file-atomically.js";

/**
 * The lint cache: `lint-cache.jsonl` in the run-record folder (`planning/.arcp-plan/v1.1/`). Per plan file,
 * the key its last lint ran under (see `lint-cache-key.ts`), the files the rules read with their
 * hashes, and the report; by plan text hash, the plan's headings (what sibling plans resolve
 * references against), so an unchanged sibling is not parsed again; and the phases' output names and
 * checks with the hash of the bootstrap and override files they were built from (`lint-phases.ts`).
 *
 * Two JSON lines: a header (format, version, the linter program, the sha256 of the second line) and
 * the data. The whole file belongs to one linter program: another version or build of the code starts
 * an empty cache. A file that is missing, unreadable, not this format, for another program, or whose
 * data does not match its checksum (cut short, edited) is ignored: the lint then runs in full and
 * rewrites it. The checksum is what lets a re-lint trust the data without validating it field by
 * field: only this code, run as this program, writes data with a matching header, and validating the
 * whole file with a schema cost ~15 ms of a ~150 ms re-lint.
 */
export const LINT_CACHE_FILE = "lint-cache.jsonl";
const FORMAT = "arcp-plan lint cache";
const VERSION = 1;

interface CacheHeader {
  format: typeof FORMAT;
  version: typeof VERSION;
  program: string;
  /** sha256 of the data line. */
  sha256: string;
}

/** A finding as stored: the message's own fields as JSON keeps them (its stack left out). */
interface StoredMessage {
  reason: string;
  ruleId: string;
  severity: Severity;
  line: number;
  column: number;
  place?: { line: number; column: number } | { start: Point; end: Point };
  [field: string]: unknown;
}

interface Point {
  line: number;
  column: number;
}

export interface CachedPlan {
  key: string;
  textHash: string;
  /** View path → sha256 of the text the rules read, or null where the file could not be read. */
  reads: Record<string, string | null>;
  report: Omit<LintReport, "messages"> & { messages: StoredMessage[] };
}

interface LintCacheData {
  phases?: { key: string; phases: LintPhase[] };
  headings: Record<string, PlanHeading[]>;
  /** By absolute path of the plan file. */
  plans: Record<string, CachedPlan>;
}

/**
 * The lint cache of an output folder (in its run-record folder), or none when the output folder does
 * not exist: linting loose files must not create `planning/.arcp-plan/…` in a checkout with no plans.
 */
export async function openLintCache(outDir: string): Promise<LintCache | undefined> {
  const folder = await stat(outDir).catch(() => undefined);
  if (!folder?.isDirectory()) return undefined;
  return LintCache.open(runStateDir(outDir), await lintProgramFingerprint());
}

export class LintCache {
  private dirty = false;
  /** Heading entries looked up or added in this run; the others are dropped when saving. */
  private readonly usedHeadings = new Set<string>();

  private constructor(
    private readonly file: string,
    /** The linter program the cache belongs to (see `lintProgramFingerprint`). */
    readonly program: string,
    private readonly data: LintCacheData,
  ) {}

  /** Reads the cache of `stateDir` for `program`; never throws. */
  static async open(stateDir: string, program: string): Promise<LintCache> {
    const file = path.join(stateDir, LINT_CACHE_FILE);
    const text = await readFile(file, "utf8").catch(() => "");
    return new LintCache(file, program, readData(text, program) ?? { headings: {}, plans: {} });
  }

  /** The phases built from the bootstrap and override files whose hash is `key`, if the cache has them. */
  phases(key: string): readonly LintPhase[] | undefined {
    return this.data.phases?.key === key ? this.data.phases.phases : undefined;
  }

  rememberPhases(key: string, phases: readonly LintPhase[]): void {
    this.data.phases = { key, phases: phases.map(({ output, checks }) => ({ output, checks: [...checks] })) };
    this.dirty = true;
  }

  /** A plan's headings from the cache, else parsed (the parser imported on first use) and remembered. */
  async headingsOf(text: string, textHash = sha256(text)): Promise<readonly PlanHeading[]> {
    const cached = this.headings(textHash);
    if (cached) return cached;
    const { parsePlanDocument, planHeadings } = await import("../lint/plan-document.js");
    const headings = planHeadings(parsePlanDocument(text));
    this.rememberHeadings(textHash, headings);
    return headings;
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
      const data = JSON.stringify(this.data);
      const header: CacheHeader = {
        format: FORMAT,
        version: VERSION,
        program: this.program,
        sha256: sha256(data),
      };
      await writeFileAtomically(this.file, `${JSON.stringify(header)}\n${data}\n`);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }
}

/** The data of a cache file written by `program`, or undefined when the file is not that. */
function readData(text: string, program: string): LintCacheData | undefined {
  const [headerLine, dataLine, rest] = text.split("\n");
  if (dataLine === undefined || (rest !== undefined && rest !== "")) return undefined;
  try {
    const header = JSON.parse(headerLine!) as Partial<CacheHeader> | null;
    if (header?.format !== FORMAT || header.version !== VERSION || header.program !== program)
      return undefined;
    if (header.sha256 !== sha256(dataLine)) return undefined;
    return JSON.parse(dataLine) as LintCacheData;
  } catch {
    return undefined; // Not JSON: not a cache this code wrote.
  }
}

/** The report a cache entry holds, as the linter gave it. */
export function restoreReport(entry: CachedPlan): LintReport {
  const { messages, ...counts } = entry.report;
  return { ...counts, messages: messages.map(restoreMessage) };
}

/** A message's own fields, as JSON keeps them; the stack only says where a process created it. */
function storedMessage(message: LintMessage): StoredMessage {
  const { stack: _stack, ...fields } = message;
  return JSON.parse(JSON.stringify(fields)) as StoredMessage;
}

function restoreMessage(stored: StoredMessage): LintMessage {
  const place = stored.place;
  const start = place && "start" in place ? place.start : { line: stored.line, column: stored.column };
  const end = place && "end" in place ? place.end : undefined;
  return Object.assign(createLintMessage(stored.reason, stored.ruleId, stored.severity, start, end), stored);
}
