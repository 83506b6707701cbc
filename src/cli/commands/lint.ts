import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { setImmediate as setImmediatePromise } from "node:timers/promises";
import { ArcpPlanError } from "../../errors/arcp-plan-error.js";
import type { PlanHeading } from "../../lint/lint-context.js";
import { type LintReport, lintParsedDocument } from "../../lint/lint-markdown.js";
import { type PlanDocument, parsePlanDocument, planHeadings } from "../../lint/plan-document.js";
import { formatGithub } from "../../lint/reporters/format-github.js";
import { formatJson } from "../../lint/reporters/format-json.js";
import { formatSarif } from "../../lint/reporters/format-sarif.js";
import { formatStylish } from "../../lint/reporters/format-stylish.js";
import { countSeverities, type FileLintResult } from "../../lint/reporters/lint-result.js";
import { buildLintContext, loadLintEnvironment } from "../../pipeline/load-lint-context.js";
import { TOOL_VERSION } from "../../tool-version.js";
import { resolveWorkspace, type Workspace } from "../../workspace/resolve-workspace.js";
import type { CommandContext, CommandOutcome } from "../command-outcome.js";

export interface LintOptions {
  sdk?: string;
  spec?: string;
  reference?: string;
  out?: string;
  config?: string;
  format?: "stylish" | "json" | "github" | "sarif";
  maxWarnings?: number;
}

/**
 * `arcp-plan lint [files...]`: lints the given plans (default: every `*.md` in the output folder) in
 * the context of the workspace. Problems when any error is found, or when warnings exceed
 * `--max-warnings`.
 */
export async function lintCommand(
  options: LintOptions & CommandContext,
  args: string[] = [],
): Promise<CommandOutcome> {
  const workspace = await resolveWorkspace({
    cwd: options.cwd,
    sdk: options.sdk,
    spec: options.spec,
    reference: options.reference,
    out: options.out,
    config: options.config,
  });
  const files = args.length > 0 ? await existingFiles(options.cwd, args) : await planFiles(workspace.outDir);
  const reports = await lintFiles(workspace, files, options.signal);
  const results: FileLintResult[] = reports.map((report, index) => ({
    file: displayPath(options.cwd, files[index]!),
    messages: report.messages,
    words: report.words,
    readingMinutes: report.readingMinutes,
  }));
  const { errors, warnings } = countSeverities(results);
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  const format = options.format ?? "stylish";
  const stdout =
    format === "json"
      ? formatJson(results)
      : format === "github"
        ? formatGithub(results)
        : format === "sarif"
          ? formatSarif(results, TOOL_VERSION)
          : formatStylish(results);
  const notes: string[] = [];
  if (files.length === 0) notes.push(`arcp-plan: no *.md files in ${workspace.outDir}; nothing to lint`);
  if (tooManyWarnings)
    notes.push(`arcp-plan: ${warnings} warnings exceed --max-warnings ${options.maxWarnings}`);
  const outcome: CommandOutcome = { stdout, status: errors > 0 || tooManyWarnings ? "problems" : "ok" };
  if (notes.length > 0) outcome.stderr = `${notes.join("\n")}\n`;
  return outcome;
}

/**
 * Lints the files in order. Each plan is parsed once: its headings also serve as sibling headings
 * for the others. The workspace context (a walk of every root, the spec drafts) loads while the
 * plans parse: parsing yields after each plan so the context's file system calls make progress.
 *
 * One thread on purpose: micromark's compiled code is per isolate, so each worker thread pays the
 * JIT warm-up again. On two cores two workers were slower than one thread, and the main thread plus
 * one worker saved ~6% of the parse time at best: one thread already keeps the second core busy with
 * TurboFan and the garbage collector.
 */
export async function lintFiles(
  workspace: Workspace,
  files: readonly string[],
  signal: AbortSignal,
): Promise<LintReport[]> {
  const texts = await Promise.all(files.map((file) => readFile(file, "utf8")));
  let knownHeadings: (headings: ReadonlyMap<string, readonly PlanHeading[]>) => void = () => undefined;
  const environment = loadLintEnvironment(workspace, {
    knownHeadings: new Promise((resolveHeadings) => {
      knownHeadings = resolveHeadings;
    }),
  });
  // Awaited below; if it fails while the plans parse, that must not surface as unhandled.
  environment.catch(() => undefined);
  const docs: PlanDocument[] = [];
  for (const text of texts) {
    signal.throwIfAborted();
    docs.push(parsePlanDocument(text));
    await setImmediatePromise();
  }
  knownHeadings(headingsInFolder(workspace.outDir, files, docs.map(planHeadings)));
  const loaded = await environment;
  return docs.map((doc, index) => {
    signal.throwIfAborted();
    return lintParsedDocument(doc, buildLintContext(loaded, files[index]!));
  });
}

/**
 * Plans of the output folder among `files`, keyed by file name, with their headings: the sibling
 * headings the environment would otherwise read and parse a second time.
 */
function headingsInFolder(
  folder: string,
  files: readonly string[],
  headings: readonly (readonly PlanHeading[])[],
): Map<string, readonly PlanHeading[]> {
  const known = new Map<string, readonly PlanHeading[]>();
  files.forEach((file, index) => {
    if (dirname(resolve(file)) === resolve(folder)) known.set(basename(file), headings[index]!);
  });
  return known;
}

async function existingFiles(cwd: string, args: readonly string[]): Promise<string[]> {
  const files = args.map((arg) => resolve(cwd, arg));
  const missing: string[] = [];
  for (const file of files) {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) missing.push(file);
  }
  if (missing.length > 0) {
    throw new ArcpPlanError(
      "usage",
      `cannot lint: ${missing.length === 1 ? "no such file" : "no such files"}`,
      {
        details: missing,
        hint: "pass existing markdown files, or no files to lint every *.md in the output folder (--out)",
      },
    );
  }
  return files;
}

async function planFiles(outDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(outDir);
  } catch (error) {
    throw new ArcpPlanError("workspace", `the output folder does not exist or cannot be read: ${outDir}`, {
      hint: "pass --out DIR (config: workspace.out), or name the files to lint",
      cause: error,
    });
  }
  return names
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => join(outDir, name));
}

function displayPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return (rel.startsWith("..") ? file : rel).split(sep).join("/");
}
