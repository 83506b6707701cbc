import { relative, resolve, sep } from "node:path";
import { formatGithub } from "../../lint/reporters/format-github.js";
import { formatJson } from "../../lint/reporters/format-json.js";
import { formatStylish } from "../../lint/reporters/format-stylish.js";
import { countSeverities, type FileLintResult } from "../../lint/reporters/lint-result.js";
import { lintPlanFiles } from "../../pipeline/lint-plan-files.js";
import { openWorkspace } from "../../pipeline/open-workspace.js";
import { TOOL_VERSION } from "../../tool-version.js";
import type { CommandContext, CommandOutcome } from "../command-outcome.js";
import type { WorkspaceFlags } from "../prepare-pipeline.js";
import { readLintTargets } from "../read-lint-targets.js";

export interface LintOptions extends WorkspaceFlags {
  /** The user's override folder (config: pipeline.prompts). */
  prompts?: string;
  format?: "stylish" | "json" | "github" | "sarif";
  maxWarnings?: number;
  /** false with `--no-cache`: lint every plan afresh, neither reading nor writing the lint cache. */
  cache?: boolean;
  /** Accept a folder without plans (exit 0) instead of refusing it (exit 2). */
  allowEmpty?: boolean;
}

/**
 * `arcp-plan lint [files...]`: lints the given plans (a folder stands for its `*.md` files; default:
 * every `*.md` in the output folder) in the context of the workspace, reusing the lint cache for
 * unchanged plans unless `--no-cache`. Problems when any error is found, or when warnings exceed
 * `--max-warnings`; a path that is not a UTF-8 markdown plan, or a folder without plans, cannot be
 * linted (exit 2).
 */
export async function lintCommand(
  options: LintOptions & CommandContext,
  args: string[] = [],
): Promise<CommandOutcome> {
  const workspace = await openWorkspace({
    cwd: options.cwd,
    bootstrap: options.bootstrap,
    sdk: options.sdk,
    spec: options.spec,
    reference: options.reference,
    out: options.out,
    config: options.config,
  });
  const { files, texts, emptyFolders } = await readLintTargets(
    options.cwd,
    args,
    workspace.outDir,
    options.allowEmpty === true,
  );
  const { reports, cacheProblem } = await lintPlanFiles(workspace, files, {
    signal: options.signal,
    cache: options.cache !== false,
    texts,
    ...(options.prompts ? { promptsDir: resolve(options.cwd, options.prompts) } : {}),
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
  for (const folder of emptyFolders) notes.push(`arcp-plan: no plans to lint in ${folder} (--allow-empty)`);
  if (cacheProblem) notes.push(`arcp-plan: lint cache not saved (${cacheProblem}); --no-cache skips it`);
  if (tooManyWarnings)
    notes.push(`arcp-plan: ${warnings} warnings exceed --max-warnings ${options.maxWarnings}`);
  const outcome: CommandOutcome = { stdout, status: errors > 0 || tooManyWarnings ? "problems" : "ok" };
  if (notes.length > 0) outcome.stderr = `${notes.join("\n")}\n`;
  return outcome;
}

function displayPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return (rel.startsWith("..") ? file : rel).split(sep).join("/");
}
