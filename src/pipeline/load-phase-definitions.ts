import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import type { Workspace } from "../workspace/resolve-workspace.js";
import type { CompiledBootstrap } from "./bootstrap/compiled-bootstrap.js";
import { buildProgram, type Program } from "./build-program.js";
import { builtinBootstrapPath, prepareBootstrap } from "./compile-bootstrap-source.js";
import { outputViewDir } from "./output-view-dir.js";
import { packageFolder } from "./package-folder.js";
import type { PhaseOverride } from "./phase-definition.js";

/** The tool's own text for the system prompt, in the package's `prompts/` or an override folder. */
const TOOL_TEXT_FILE = "how-this-run-works.md";
/** Markdown files in an override folder that are not phase overrides. */
const NOT_OVERRIDES = new Set([TOOL_TEXT_FILE, "readme.md"]);
const HINT = "fix the override file, or pass --prompts DIR (config: pipeline.prompts) to use another folder";

export interface LoadedProgram extends Program {
  compiled: CompiledBootstrap;
}

/**
 * The user's override folder: `--prompts DIR` (relative to the current directory), else config
 * `pipeline.prompts` (relative to the config file's folder), else none. Pure.
 */
export function resolvePromptsDir(
  workspace: Pick<Workspace, "config" | "configPath" | "roots">,
  flag?: { dir: string; cwd: string },
): string | undefined {
  if (flag) return path.resolve(flag.cwd, flag.dir);
  const configured = workspace.config.pipeline?.prompts;
  if (configured === undefined) return undefined;
  const configDir = workspace.configPath ? path.dirname(workspace.configPath) : workspace.roots.sdk;
  return path.resolve(configDir, configured);
}

/**
 * The program a command runs: the workspace's bootstrap compiled, with the tool's "how this run
 * works" text, the seed's hand-tuned overrides (`prompts/overrides/`, for the phases whose text is
 * the seed's) and the user's override folder applied. Problems in override files are collected and
 * thrown together as one `config` error, each naming the file and the field.
 */
export async function loadPhaseDefinitions(
  workspace: Pick<Workspace, "bootstrap"> & Partial<Pick<Workspace, "roots" | "outDir">>,
  overridesDir: string | undefined,
): Promise<LoadedProgram> {
  const compiled = await prepareBootstrap(workspace.bootstrap);
  const builtinPath = builtinBootstrapPath();
  const [seedText, seedOverrides, overrides, toolText] = await Promise.all([
    readFile(builtinPath, "utf8"),
    readOverrideFolder(packageFolder("prompts/overrides")),
    overridesDir === undefined ? [] : readOverrideFolder(overridesDir),
    readToolText(overridesDir),
  ]);
  const program = buildProgram({
    compiled,
    bootstrapPath: workspace.bootstrap.path,
    // Where plans really go (`--out` may move them); without a workspace, the bootstrap's folder.
    outputFolder:
      workspace.roots && workspace.outDir
        ? outputViewDir({ roots: workspace.roots, outDir: workspace.outDir })
        : compiled.outputFolder.value,
    toolText,
    seed: {
      compiled: await prepareBootstrap({ path: builtinPath, text: seedText }),
      overrides: seedOverrides,
    },
    overrides,
  });
  return { ...program, compiled };
}

async function readToolText(overridesDir: string | undefined): Promise<string> {
  if (overridesDir !== undefined) {
    try {
      return await readFile(path.join(overridesDir, TOOL_TEXT_FILE), "utf8");
    } catch {
      // Not overridden: the package's own.
    }
  }
  return readFile(packageFolder(`prompts/${TOOL_TEXT_FILE}`), "utf8");
}

/** Every `<id>.md` of an override folder, validated; a folder that cannot be read is a `config` error. */
async function readOverrideFolder(dir: string): Promise<PhaseOverride[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
      .map((entry) => entry.name)
      .filter((name) => !NOT_OVERRIDES.has(name.toLowerCase()))
      .sort();
  } catch (error) {
    throw new ArcpPlanError("config", `override folder not found or unreadable: ${dir}`, {
      hint: "pass --prompts DIR (config: pipeline.prompts) naming a folder of <phase-id>.md override files",
      cause: error,
    });
  }
  if (names.includes("system.md")) {
    throw new ArcpPlanError(
      "config",
      `${path.join(dir, "system.md")}: a whole system prompt is no longer read`,
      {
        hint: `the system text is compiled from the bootstrap; put the tool's own part in ${TOOL_TEXT_FILE} and edit the rest in BOOTSTRAP.md`,
      },
    );
  }
  // Imported here, not at the top: YAML and the schemas are ~270 KB of code that a lint answered from
  // the lint cache (`lint-phases.ts`) never needs.
  const { parseOverrideFile } = await import("./parse-override-file.js");
  const problems: string[] = [];
  const overrides: PhaseOverride[] = [];
  for (const name of names) {
    const sourcePath = path.join(dir, name);
    const parsed = parseOverrideFile(await readFile(sourcePath, "utf8"));
    if (!parsed.ok) problems.push(...parsed.problems.map((problem) => `${sourcePath}: ${problem}`));
    else if (name !== `${parsed.override.id}.md`) {
      problems.push(
        `${sourcePath}: id: "${parsed.override.id}" does not match the file name (expected ${name.slice(0, -3)})`,
      );
    } else overrides.push({ ...parsed.override, sourcePath });
  }
  if (problems.length > 0) {
    throw new ArcpPlanError("config", `override files in ${dir} do not validate`, {
      hint: HINT,
      details: problems,
    });
  }
  return overrides;
}
