import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import { type ArcpPlanConfig, validateConfig } from "./config-schema.js";
import { locateJsonError } from "./locate-json-error.js";

export const CONFIG_FILE_NAME = "arcp-plan.config.json";

/**
 * Reads and validates `arcp-plan.config.json`. A file that is absent returns undefined when it was only
 * looked for by default; `required` (an explicit `--config FILE`) turns absence into an error.
 */
export async function readConfigFile(
  path: string,
  required: boolean,
): Promise<{ config: ArcpPlanConfig; path: string } | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (!required && isNotFound(error)) return undefined;
    throw new ArcpPlanError("config", `cannot read the config file ${path}: ${describe(error)}`, {
      hint: "pass --config FILE naming an existing arcp-plan.config.json, or drop --config to use defaults",
      cause: error,
    });
  }
  return { config: parseConfigText(text, path), path };
}

/** The config a command in `cwd` uses, and the folder its relative paths start from. */
export interface WorkspaceConfig {
  config: ArcpPlanConfig;
  configPath: string | undefined;
  configDir: string | undefined;
}

/**
 * `--config FILE` (it must exist), else `arcp-plan.config.json` in the SDK checkout named by `--sdk`
 * (or the current directory), else no config.
 */
export async function readWorkspaceConfig(options: {
  cwd: string;
  sdk?: string | undefined;
  config?: string | undefined;
}): Promise<WorkspaceConfig> {
  const explicit = options.config !== undefined && options.config !== "";
  const candidate = explicit
    ? resolve(options.cwd, options.config!)
    : resolve(options.cwd, options.sdk ?? ".", CONFIG_FILE_NAME);
  const loaded = await readConfigFile(candidate, explicit);
  return {
    config: loaded?.config ?? {},
    configPath: loaded?.path,
    configDir: loaded ? dirname(loaded.path) : undefined,
  };
}

/** Pure: JSON parse + schema validation, every problem listed with its dotted path. */
export function parseConfigText(text: string, path: string): ArcpPlanConfig {
  // Editors on Windows may start the file with a byte-order mark, which JSON.parse rejects.
  const json = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw invalidJson(json, path, error);
  }
  const result = validateConfig(value);
  if (!result.ok) {
    throw new ArcpPlanError("config", `the config file ${path} has ${result.problems.length} problem(s)`, {
      details: result.problems,
      hint: `fix these keys in ${path}; the README's "The config file" section shows the format`,
    });
  }
  return result.config;
}

/** The JSON error at its line and column, with the line itself and a caret under the spot. */
function invalidJson(text: string, path: string, error: unknown): ArcpPlanError {
  const where = locateJsonError(text);
  if (where === undefined) {
    // The scan and JSON.parse disagree; V8's own message is still better than none.
    return new ArcpPlanError("config", `the config file ${path} is not valid JSON: ${describe(error)}`, {
      hint: `fix the JSON in ${path}`,
    });
  }
  const lineText = text.split("\n")[where.line - 1]?.replace(/\r$/, "") ?? "";
  const gutter = `${where.line} | `;
  return new ArcpPlanError(
    "config",
    `the config file ${path} is not valid JSON: line ${where.line}, column ${where.column}: ${where.message}`,
    {
      details: [`${gutter}${lineText}`, `${" ".repeat(gutter.length - 2)}| ${" ".repeat(where.column - 1)}^`],
      hint: `fix the JSON in ${path} at line ${where.line}, column ${where.column}`,
    },
  );
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "ENOTDIR");
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
