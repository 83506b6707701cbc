import { readFile } from "node:fs/promises";
import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import { type ArcpPlanConfig, validateConfig } from "./config-schema.js";

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

/** Pure: JSON parse + schema validation, every problem listed with its dotted path. */
export function parseConfigText(text: string, path: string): ArcpPlanConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ArcpPlanError("config", `the config file ${path} is not valid JSON`, {
      details: [describe(error)],
      hint: `fix the JSON in ${path}`,
    });
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

function isNotFound(error: unknown): boolean {
  return error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "ENOTDIR");
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
