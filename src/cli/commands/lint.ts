import { readdir, readFile, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { ArcpPlanError } from "../../errors/arcp-plan-error.js";
import { type LintReport, lintParsedDocument } from "../../lint/lint-markdown.js";
import { parsePlanDocument, planHeadings } from "../../lint/plan-document.js";
import { formatGithub } from "../../lint/reporters/format-github.js";
import { formatJson } from "../../lint/reporters/format-json.js";
import { formatSarif } from "../../lint/reporters/format-sarif.js";
import { formatStylish } from "../../lint/reporters/format-stylish.js";
import { countSeverities, type FileLintResult } from "../../lint/reporters/lint-result.js";
import { buildLintContext, loadLintEnvironment } from "../../pipeline/load-lint-context.js";
import { TOOL_VERSION } from "../../tool-version.js";
import { resolveWorkspace, type Workspace } from "../../workspace/resolve-workspace.js";
import type { CommandContext, CommandOutcome } from "../command-outcome.js";
import { headingsInFolder, lintInWorkers, PARALLEL_LINT_MIN_FILES } from "./lint-in-workers.js";

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
 * for the others. Many files go to worker threads, one per core.
 */
export async function lintFiles(
  workspace: Workspace,
  files: readonly string[],
  signal: AbortSignal,
  parallel: "auto" | "never" = "auto",
): Promise<LintReport[]> {
  const texts = await Promise.all(files.map((file) => readFile(file, "utf8")));
  if (parallel === "auto" && files.length >= PARALLEL_LINT_MIN_FILES && availableParallelism() > 1) {
    return lintInWorkers(workspace, files, texts, signal);
  }
  const docs = texts.map((text) => {
    signal.throwIfAborted();
    return parsePlanDocument(text);
  });
  const knownHeadings = headingsInFolder(workspace.outDir, files, docs.map(planHeadings));
  const environment = await loadLintEnvironment(workspace, { knownHeadings });
  return docs.map((doc, index) => {
    signal.throwIfAborted();
    return lintParsedDocument(doc, buildLintContext(environment, files[index]!));
  });
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
