import { readdir, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { ArcpPlanError } from "../../errors/arcp-plan-error.js";
import { formatGithub } from "../../lint/reporters/format-github.js";
import { formatJson } from "../../lint/reporters/format-json.js";
import { formatStylish } from "../../lint/reporters/format-stylish.js";
import { countSeverities, type FileLintResult } from "../../lint/reporters/lint-result.js";
import { lintPlanFiles } from "../../pipeline/lint-plan-files.js";
import { TOOL_VERSION } from "../../tool-version.js";
import { resolveWorkspace } from "../../workspace/resolve-workspace.js";
import type { CommandContext, CommandOutcome } from "../command-outcome.js";

export interface LintOptions {
  sdk?: string;
  spec?: string;
  reference?: string;
  out?: string;
  config?: string;
  format?: "stylish" | "json" | "github" | "sarif";
  maxWarnings?: number;
  /** false with `--no-cache`: lint every plan afresh, neither reading nor writing the lint cache. */
  cache?: boolean;
}

/**
 * `arcp-plan lint [files...]`: lints the given plans (default: every `*.md` in the output folder) in
 * the context of the workspace, reusing the lint cache for unchanged plans unless `--no-cache`.
 * Problems when any error is found, or when warnings exceed `--max-warnings`.
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
  const { reports, cacheProblem } = await lintPlanFiles(workspace, files, {
    signal: options.signal,
    cache: options.cache !== false,
  });
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
          ? // Imported when asked for: it describes every rule, and a lint answered from the cache loads none.
            (await import("../../lint/reporters/format-sarif.js")).formatSarif(results, TOOL_VERSION)
          : formatStylish(results);
  const notes: string[] = [];
  if (files.length === 0) notes.push(`arcp-plan: no *.md files in ${workspace.outDir}; nothing to lint`);
  if (cacheProblem) notes.push(`arcp-plan: lint cache not saved (${cacheProblem}); --no-cache skips it`);
  if (tooManyWarnings)
    notes.push(`arcp-plan: ${warnings} warnings exceed --max-warnings ${options.maxWarnings}`);
  const outcome: CommandOutcome = { stdout, status: errors > 0 || tooManyWarnings ? "problems" : "ok" };
  if (notes.length > 0) outcome.stderr = `${notes.join("\n")}\n`;
  return outcome;
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
