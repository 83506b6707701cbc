import { readFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { setImmediate as setImmediatePromise } from "node:timers/promises";
import type { LintContext, PlanHeading } from "../lint/lint-context.js";
import type { LintReport } from "../lint/lint-markdown.js";
import type { PlanDocument } from "../lint/plan-document.js";
import type { Workspace } from "../workspace/resolve-workspace.js";
import { type CachedPlan, type LintCache, openLintCache, restoreReport } from "./lint-cache.js";
import { digestSharedContext, planLintKey, readHash, recordReads } from "./lint-cache-key.js";
import { loadLintPhases } from "./lint-phases.js";
import { buildLintContext, type LintEnvironment, loadLintEnvironment } from "./load-lint-context.js";
import { resolvePromptsDir } from "./load-phase-definitions.js";
import { sha256 } from "./sha256.js";

export interface LintPlanFilesOptions {
  signal: AbortSignal;
  /** Reuse and update the lint cache in the run-record folder (see `lint-cache.ts`). Default: off. */
  cache?: boolean;
  /** The files' texts, in order, when the caller has read them already (`lint` checks them first). */
  texts?: readonly string[];
  /** The user's override folder (`--prompts DIR`); default: config `pipeline.prompts`, else none. */
  promptsDir?: string;
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
    options.texts ?? Promise.all(paths.map((file) => readFile(file, "utf8"))),
    options.cache ? openLintCache(workspace.outDir) : undefined,
  ]);
  const plans: Plan[] = paths.map((file, index) => ({
    file,
    text: texts[index]!,
    textHash: sha256(texts[index]!),
    inFolder: dirname(file) === resolve(workspace.outDir),
    doc: undefined,
  }));
  const promptsDir = options.promptsDir ?? resolvePromptsDir(workspace);
  const phases = cache ? loadLintPhases(workspace, promptsDir, cache) : undefined;
  // Awaited by the environment, which may fail before it gets there (an invalid lint section): the
  // phases' own failure (a missing override folder) must not then crash the process as unhandled.
  phases?.catch(() => undefined);
  let knownHeadings: (headings: ReadonlyMap<string, readonly PlanHeading[]>) => void = () => undefined;
  const environment = loadLintEnvironment(workspace, {
    ...(promptsDir === undefined ? {} : { promptsDir }),
    knownHeadings: new Promise((resolveHeadings) => {
      knownHeadings = resolveHeadings;
    }),
    ...(cache && phases ? { extractHeadings: (text: string) => cache.headingsOf(text), phases } : {}),
  });
  // Awaited below; if it fails while the plans parse, that must not surface as unhandled.
  environment.catch(() => undefined);
  const known = await parseChangedPlans(plans, cache, signal);
  knownHeadings(known);
  const loaded = await environment;
  if (!cache) {
    const jobs = plans.map((plan) => ({ plan, context: buildLintContext(loaded, plan.file) }));
    return { reports: await lintEach(jobs, signal) };
  }
  const reports = await lintThroughCache(loaded, cache, plans, signal);
  return { reports, ...withProblem(await cache.save()) };
}

/**
 * Parses, while the context loads, what the cache will not answer (every plan without a cache, else
 * the plans whose text changed), and returns the headings of the plans in the output folder.
 */
async function parseChangedPlans(
  plans: readonly Plan[],
  cache: LintCache | undefined,
  signal: AbortSignal,
): Promise<Map<string, readonly PlanHeading[]>> {
  for (const plan of plans) {
    signal.throwIfAborted();
    if (cache?.plan(plan.file)?.textHash === plan.textHash) continue;
    plan.doc = (await loadParser()).parsePlanDocument(plan.text);
    await setImmediatePromise();
  }
  const known = new Map<string, readonly PlanHeading[]>();
  for (const plan of plans) {
    if (!plan.inFolder) continue;
    // Kept for every plan of the folder (not only phase files, which are not known yet): a plan
    // answered from the cache next time must find its headings there too, not be parsed for them.
    const headings = plan.doc ? (await loadParser()).planHeadings(plan.doc) : undefined;
    if (headings) cache?.rememberHeadings(plan.textHash, headings);
    known.set(basename(plan.file), headings ?? (await cache!.headingsOf(plan.text, plan.textHash)));
  }
  return known;
}

/** A plan being linted; `doc` once parsed. */
interface Plan {
  /** Absolute path. */
  file: string;
  text: string;
  textHash: string;
  /** In the output folder: a sibling of the phase files. */
  inFolder: boolean;
  doc: PlanDocument | undefined;
}

/*
 * The parser and the rules are imported on first use: a lint answered from the cache loads neither
 * (~15 ms of module loading in a ~150 ms re-lint).
 */
const loadParser = () => import("../lint/plan-document.js");
const loadRules = () => import("../lint/lint-markdown.js");

/** A plan with the context it is linted in. */
interface Job {
  plan: Plan;
  context: LintContext;
}

/** Lints each plan in its context, parsing those not parsed yet. */
async function lintEach(jobs: readonly Job[], signal: AbortSignal): Promise<LintReport[]> {
  if (jobs.length === 0) return [];
  const [{ parsePlanDocument }, { lintParsedDocument }] = await Promise.all([loadParser(), loadRules()]);
  return jobs.map(({ plan, context }) => {
    signal.throwIfAborted();
    return lintParsedDocument(plan.doc ?? parsePlanDocument(plan.text), context);
  });
}

/**
 * Each plan's cached report where its key and the files its rules read match; the others linted
 * afresh, their reports and reads remembered.
 */
async function lintThroughCache(
  environment: LintEnvironment,
  cache: LintCache,
  plans: readonly Plan[],
  signal: AbortSignal,
): Promise<LintReport[]> {
  const shared = environment.shared;
  const sharedDigest = digestSharedContext(shared);
  const reports: (LintReport | undefined)[] = [];
  const misses: (Job & { index: number; key: string; reads: Map<string, string | null> })[] = [];
  for (const [index, plan] of plans.entries()) {
    const context = buildLintContext(environment, plan.file);
    const { program } = cache;
    const key = planLintKey({
      program,
      file: plan.file,
      textHash: plan.textHash,
      sharedDigest,
      shared,
      context,
    });
    const entry = cache.plan(plan.file);
    const hit = entry?.key === key && readsMatch(entry, shared.readText);
    reports.push(hit ? restoreReport(entry) : undefined);
    if (hit) continue;
    const { readText, reads } = recordReads(context.readText);
    misses.push({ plan, context: { ...context, readText }, index, key, reads });
  }
  const fresh = await lintEach(misses, signal);
  misses.forEach(({ plan, index, key, reads }, position) => {
    const report = fresh[position]!;
    cache.rememberPlan(plan.file, { key, textHash: plan.textHash, reads: Object.fromEntries(reads), report });
    reports[index] = report;
  });
  return reports as LintReport[];
}

/** Every file the rules read for the cached report reads the same now. */
function readsMatch(entry: CachedPlan, readText: LintContext["readText"]): boolean {
  return Object.entries(entry.reads).every(([viewPath, hash]) => readHash(readText(viewPath)) === hash);
}

function withProblem(problem: string | undefined): Pick<LintPlanFilesResult, "cacheProblem"> {
  return problem === undefined ? {} : { cacheProblem: problem };
}
