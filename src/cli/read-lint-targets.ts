import { open, readdir, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import {
  NUL_SNIFF_BYTES,
  PLAN_EXTENSIONS,
  planEncodingProblem,
  planHeadProblem,
} from "./plan-text-problem.js";

export interface LintTargets {
  /** Absolute paths, in the order they will be linted. */
  files: string[];
  /** Each file's text, read once. */
  texts: string[];
  /** Folders that held no plan, accepted because of `--allow-empty`. */
  emptyFolders: string[];
}

/**
 * The plans `lint` will read: the files named (a folder stands for the plans directly inside it), or
 * the output folder's plans when none is named. Anything that is not a UTF-8 markdown file, and a
 * folder with no plan in it (unless `allowEmpty`), is a usage error listing every such path with its
 * reason: a CI lint step must not pass on a binary, a mis-encoded file or a run that wrote nothing.
 */
export async function readLintTargets(
  cwd: string,
  args: readonly string[],
  outDir: string,
  allowEmpty: boolean,
): Promise<LintTargets> {
  const problems: string[] = [];
  const emptyFolders: string[] = [];
  const unwantedEmpty: string[] = [];
  const candidates: string[] = [];
  const folders = args.length === 0 ? [outDir] : [];
  for (const arg of args) {
    const path = resolve(cwd, arg);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) problems.push(`${path}: no such file`);
    else if (info.isDirectory()) folders.push(path);
    else if (!info.isFile()) problems.push(`${path}: not a regular file`);
    else candidates.push(path);
  }
  for (const folder of folders) {
    const plans = await plansInFolder(folder, args.length === 0);
    if (plans.length === 0) {
      if (allowEmpty) emptyFolders.push(folder);
      else unwantedEmpty.push(folder);
    }
    candidates.push(...plans);
  }
  const files: string[] = [];
  const texts: string[] = [];
  for (const file of candidates) {
    const read = await readPlanText(file);
    if ("problem" in read) problems.push(`${file}: ${read.problem}`);
    else {
      files.push(file);
      texts.push(read.text);
    }
  }
  if (problems.length > 0 || unwantedEmpty.length > 0) {
    throw lintTargetError(problems, unwantedEmpty, args.length === 0);
  }
  return { files, texts, emptyFolders };
}

/** The plans directly inside a folder, by name (plan folders are flat; `.arcp-plan/` is not walked). */
async function plansInFolder(folder: string, isOutputFolder: boolean): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw new ArcpPlanError("workspace", `the output folder does not exist or cannot be read: ${folder}`, {
      hint: isOutputFolder
        ? "pass --out DIR (config: workspace.out), or name the files to lint"
        : "check the folder's permissions",
      cause: error,
    });
  }
  return names
    .filter((name) => PLAN_EXTENSIONS.some((extension) => name.toLowerCase().endsWith(extension)))
    .sort()
    .map((name) => join(folder, name));
}

/** The file's text, or why it is not a plan. A file that is not markdown is rejected on its head alone. */
async function readPlanText(file: string): Promise<{ text: string } | { problem: string }> {
  const handle = await open(file, "r");
  let head: Uint8Array;
  try {
    const buffer = new Uint8Array(NUL_SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, NUL_SNIFF_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const problem = planHeadProblem(file, head);
  if (problem !== undefined) return { problem };
  const content = await readFile(file);
  const encoding = planEncodingProblem(content);
  return encoding === undefined ? { text: content.toString("utf8") } : { problem: encoding };
}

function lintTargetError(
  problems: readonly string[],
  emptyFolders: readonly string[],
  defaultFolder: boolean,
): ArcpPlanError {
  if (problems.length === 0 && emptyFolders.length === 1) {
    return new ArcpPlanError("usage", `no plans to lint in ${emptyFolders[0]}`, {
      hint: defaultFolder
        ? "run 'arcp-plan run' to write them, pass --out DIR (config: workspace.out), or pass --allow-empty if an empty folder is expected"
        : "name a folder or files holding *.md plans, or pass --allow-empty if an empty folder is expected",
    });
  }
  const all = [
    ...problems,
    ...emptyFolders.map((folder) => `${folder}: no plans to lint in it (no *.md files)`),
  ];
  return new ArcpPlanError(
    "usage",
    `cannot lint ${all.length === 1 ? "this file" : `these ${all.length} paths`}`,
    {
      details: all,
      hint: "lint takes markdown plans (*.md, UTF-8 text) or folders holding them (--allow-empty accepts a folder without any); with no arguments it lints every *.md in the output folder (--out)",
    },
  );
}
