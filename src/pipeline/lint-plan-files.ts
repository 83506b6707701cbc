import { readFile, stat } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { setImmediate as setImmediatePromise } from "node:timers/promises";
import type { LintContext, PlanHeading } from "../lint/lint-context.js";
import { type LintReport, lintParsedDocument } from "../lint/lint-markdown.js";
import { type PlanDocument, parsePlanDocument, planHeadings } from "../lint/plan-document.js";
import type { Workspace } from "../workspace/resolve-workspace.js";
import { type CachedPlan, LintCache, restoreReport } from "./lint-cache.js";
import { digestSharedContext, planLintKey, readHash, recordReads } from "./lint-cache-key.js";
import { lintProgramFingerprint } from "./lint-program-fingerprint.js";
import { buildLintContext, type LintEnvironment, loadLintEnvironment } from "./load-lint-context.js";
import { runStateDir } from "./run-record.js";
import { sha256 } from "./sha256.js";

export interface LintPlanFilesOptions {
  signal: AbortSignal;
  /** Reuse and update the lint cache in the run-record folder (see `lint-cache.ts`). Default: off. */
  cache?: boolean;
}

export interface LintPlanFilesResult {
  /** One per file, in order. */
  reports: LintReport[];
  /** Set when the cache could not be written (the lint itself is complete). */
  cacheProblem?: string;
}

/**
 * Lints the files in order. Each plan is parsed at most once: its headings also serve as sibling
 * headings for the others. The workspace context (a walk of every root, the spec drafts) loads while
 * the plans parse: parsing yields after each plan so the context's file system calls make progress.
 *
 * With the cache, a plan whose key (text, context, linter) and cited files are unchanged is not
 * parsed: its report comes from the cache, and so do the headings of unchanged sibling plans.
 *
 * One thread on purpose: micromark's compiled code is per isolate, so each worker thread pays the
 * JIT warm-up again. On two cores two workers were slower than one thread, and the main thread plus
 * one worker saved ~6% of the parse time at best: one thread already keeps the second core busy with
 * TurboFan and the garbage collector.
 */
export async function lintPlanFiles(
  workspace: Workspace,
  files: readonly string[],
  options: LintPlanFilesOptions,
): Promise<LintPlanFilesResult> {
  const { signal } = options;
  const paths = files.map((file) => resolve(file));
  const [texts, cache] = await Promise.all([
    Promise.all(paths.map((file) => readFile(file, "utf8"))),
    options.cache ? openCache(workspace.outDir) : undefined,
  ]);
  const hashes = texts.map((text) => sha256(text));
  const inFolder = paths.map((file) => dirname(file) === resolve(workspace.outDir));
  let knownHeadings: (headings: ReadonlyMap<string, readonly PlanHeading[]>) => void = () => undefined;
  const environment = loadLintEnvironment(workspace, {
    knownHeadings: new Promise((resolveHeadings) => {
      knownHeadings = resolveHeadings;
    }),
    ...(cache ? { extractHeadings: (text: string) => headingsOf(cache, sha256(text), text) } : {}),
  });
  // Awaited below; if it fails while the plans parse, that must not surface as unhandled.
  environment.catch(() => undefined);
  // Parse now, while the context loads, what the cache will not answer: plans whose text changed.
  const docs: (PlanDocument | undefined)[] = [];
  for (const [index, text] of texts.entries()) {
    signal.throwIfAborted();
    const unchanged = cache?.plan(paths[index]!)?.textHash === hashes[index];
    docs.push(unchanged ? undefined : parsePlanDocument(text));
    if (!unchanged) await setImmediatePromise();
  }
  const known = new Map<string, readonly PlanHeading[]>();
  paths.forEach((file, index) => {
    if (!inFolder[index]) return;
    const doc = docs[index];
    known.set(basename(file), doc ? planHeadings(doc) : headingsOf(cache!, hashes[index]!, texts[index]!));
  });
  knownHeadings(known);
  const loaded = await environment;
  const lint = cache ? cachedLinter(loaded, cache) : undefined;
  const reports = paths.map((file, index) => {
    signal.throwIfAborted();
    const context = buildLintContext(loaded, file);
    if (!lint) return lintParsedDocument(docs[index] ?? parsePlanDocument(texts[index]!), context);
    if (inFolder[index] && loaded.shared.phaseFiles.includes(basename(file)))
      cache!.rememberHeadings(hashes[index]!, known.get(basename(file))!);
    return lint(file, hashes[index]!, context, () => docs[index] ?? parsePlanDocument(texts[index]!));
  });
  return { reports, ...(cache ? withProblem(await cache.save()) : {}) };
}

/**
 * The cache of the output folder's run-record folder, or none when the output folder does not exist:
 * linting loose files must not create `planning/.arcp-plan/` in a checkout that has no plans.
 */
async function openCache(outDir: string): Promise<LintCache | undefined> {
  const folder = await stat(outDir).catch(() => undefined);
  if (!folder?.isDirectory()) return undefined;
  return LintCache.open(runStateDir(outDir), await lintProgramFingerprint());
}

function headingsOf(cache: LintCache, textHash: string, text: string): readonly PlanHeading[] {
  const cached = cache.headings(textHash);
  if (cached) return cached;
  const headings = planHeadings(parsePlanDocument(text));
  cache.rememberHeadings(textHash, headings);
  return headings;
}

/**
 * Lints one plan (absolute path) through the cache: the cached report when the key and the reads
 * match, else a fresh lint whose report and reads are remembered.
 */
function cachedLinter(environment: LintEnvironment, cache: LintCache) {
  const shared = environment.shared;
  const sharedDigest = digestSharedContext(shared);
  const program = cache.program;
  return (file: string, textHash: string, context: LintContext, parse: () => PlanDocument): LintReport => {
    const key = planLintKey({ program, file, textHash, sharedDigest, shared, context });
    const entry = cache.plan(file);
    if (entry?.key === key && readsMatch(entry, shared.readText)) return restoreReport(entry);
    const recorder = recordReads(context.readText);
    const report = lintParsedDocument(parse(), { ...context, readText: recorder.readText });
    cache.rememberPlan(file, { key, textHash, reads: Object.fromEntries(recorder.reads), report });
    return report;
  };
}

/** Every file the rules read for the cached report reads the same now. */
function readsMatch(entry: CachedPlan, readText: LintContext["readText"]): boolean {
  return Object.entries(entry.reads).every(([viewPath, hash]) => readHash(readText(viewPath)) === hash);
}

function withProblem(problem: string | undefined): Pick<LintPlanFilesResult, "cacheProblem"> {
  return problem === undefined ? {} : { cacheProblem: problem };
}
