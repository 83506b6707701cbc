import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import type { Workspace } from "../workspace/resolve-workspace.js";
import { packageFolder } from "./package-folder.js";
import type { PhaseDefinition } from "./phase-definition.js";

export const SYSTEM_PROMPT_FILE = "system.md";
/** Markdown files in a prompt folder that are not phases. */
const NOT_PHASES = new Set([SYSTEM_PROMPT_FILE, "readme.md"]);

const HINT = "fix the prompt file, or pass --prompts DIR (config: pipeline.prompts) to use another folder";

/** The package's own `prompts/` folder. */
export function defaultPromptsDir(): string {
  return packageFolder("prompts");
}

/**
 * The prompt folder a command uses: `--prompts DIR` (relative to the current directory), else config
 * `pipeline.prompts` (relative to the config file's folder), else the built-in one. Pure.
 */
export function resolvePromptsDir(
  workspace: Pick<Workspace, "config" | "configPath" | "roots">,
  flag?: { dir: string; cwd: string },
): string {
  if (flag) return path.resolve(flag.cwd, flag.dir);
  const configured = workspace.config.pipeline?.prompts;
  if (configured === undefined) return defaultPromptsDir();
  const configDir = workspace.configPath ? path.dirname(workspace.configPath) : workspace.roots.sdk;
  return path.resolve(configDir, configured);
}

/**
 * Reads `system.md` and every other `*.md` in `promptsDir` as a phase. Problems in every file are
 * collected and thrown together as one `config` error, each naming the file and the field. Graph-level
 * problems (unknown needs, cycles, duplicates) are checked by `buildPhaseGraph`.
 */
export async function loadPhaseDefinitions(
  promptsDir: string,
): Promise<{ system: string; phases: PhaseDefinition[] }> {
  const dir = path.resolve(promptsDir);
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    throw new ArcpPlanError("config", `prompt folder not found or unreadable: ${dir}`, {
      hint: "pass --prompts DIR (config: pipeline.prompts) naming a folder with system.md and one file per phase",
      cause: error,
    });
  }
  if (!names.includes(SYSTEM_PROMPT_FILE)) {
    throw new ArcpPlanError("config", `prompt folder has no ${SYSTEM_PROMPT_FILE}: ${dir}`, {
      hint: `add ${SYSTEM_PROMPT_FILE} (the shared system prompt) or pass --prompts DIR (config: pipeline.prompts)`,
    });
  }
  const phaseNames = names.filter((name) => !NOT_PHASES.has(name.toLowerCase()));
  if (phaseNames.length === 0) {
    throw new ArcpPlanError("config", `prompt folder has no phase files: ${dir}`, {
      hint: "add one <phase-id>.md per phase with front matter, or pass --prompts DIR (config: pipeline.prompts)",
    });
  }

  const system = (await readFile(path.join(dir, SYSTEM_PROMPT_FILE), "utf8")).trimEnd();
  const problems: string[] = [];
  if (system === "") problems.push(`${path.join(dir, SYSTEM_PROMPT_FILE)}: the system prompt is empty`);

  // Imported here, not at the top: YAML and the schemas are ~270 KB of code that a lint answered from
  // the lint cache (`lint-phases.ts`) never needs.
  const { parsePhaseFile } = await import("./parse-phase-file.js");
  const phases: PhaseDefinition[] = [];
  for (const name of phaseNames) {
    const sourcePath = path.join(dir, name);
    const bytes = await readFile(sourcePath);
    const parsed = parsePhaseFile(bytes.toString("utf8"));
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((problem) => `${sourcePath}: ${problem}`));
      continue;
    }
    const { frontMatter, body } = parsed;
    if (name !== `${frontMatter.id}.md`) {
      problems.push(
        `${sourcePath}: id: "${frontMatter.id}" does not match the file name (expected ${name.slice(0, -3)})`,
      );
      continue;
    }
    phases.push({
      ...frontMatter,
      body,
      sourcePath,
      promptHash: createHash("sha256").update(bytes).digest("hex"),
    });
  }
  if (problems.length > 0) {
    throw new ArcpPlanError("config", `prompt files in ${dir} do not validate`, {
      hint: HINT,
      details: problems,
    });
  }
  phases.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { system, phases };
}
