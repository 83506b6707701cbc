import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import type { LintContext, PlanHeading } from "../lint/lint-context.js";
import { parsePlanDocument } from "../lint/plan-document.js";
import { buildLintSettings, type LintSettings } from "../lint/preset.js";
import type { Workspace } from "../workspace/resolve-workspace.js";
import { readSpecDrafts } from "../workspace/spec-drafts.js";
import { resolveViewPath, toViewPath } from "../workspace/view-path.js";
import { readWorkspaceFacts } from "../workspace/workspace-facts.js";
import { listWorkspaceFiles } from "../workspace/workspace-files.js";
import { defaultPromptsDir, loadPhaseDefinitions } from "./load-phase-definitions.js";
import type { PhaseDefinition } from "./phase-definition.js";

/**
 * The I/O half of linting: reads the workspace once (file list, spec drafts, facts, phase checks,
 * sibling plans' headings) into a `LintEnvironment`; `buildLintContext` then makes the pure
 * per-file context the rules run on. `arcp-plan lint` and the pipeline's lint-and-repair share it.
 */
export interface LintEnvironment {
  workspace: Workspace;
  phases: readonly PhaseDefinition[];
  settings: LintSettings;
  /** Everything of `LintContext` that does not depend on the file being linted. */
  shared: Omit<LintContext, "planPath" | "checks">;
}

export interface LoadLintEnvironmentOptions {
  /** Prompt folder with the phases' checks; default: config `pipeline.prompts`, else the built-in one. */
  promptsDir?: string;
  /** Phase definitions already loaded by the caller (skips reading the prompt folder). */
  phases?: readonly PhaseDefinition[];
}

export async function loadLintEnvironment(
  workspace: Workspace,
  options: LoadLintEnvironmentOptions = {},
): Promise<LintEnvironment> {
  const { settings, problems } = buildLintSettings(workspace.config.lint);
  if (problems.length > 0) {
    throw new ArcpPlanError(
      "config",
      `the lint section of ${workspace.configPath ?? "the config"} does not validate`,
      {
        hint: "fix or remove the named keys under lint.rules in arcp-plan.config.json",
        details: problems,
      },
    );
  }
  const [phases, drafts, facts, files] = await Promise.all([
    options.phases ?? loadPhaseDefinitions(promptsDirFor(workspace, options)).then((loaded) => loaded.phases),
    readSpecDrafts(workspace),
    readWorkspaceFacts(workspace),
    listWorkspaceFiles(workspace.roots),
  ]);
  const phaseFiles = phases.map((phase) => phase.output);
  const siblings = await readSiblingHeadings(workspace.outDir, phaseFiles);
  const texts = new Map<string, string | undefined>();
  const readText = (viewPath: string): string | undefined => {
    if (!texts.has(viewPath)) {
      const resolved = resolveViewPath(workspace.roots, viewPath);
      let text: string | undefined;
      try {
        // Synchronous on purpose: rules are synchronous and pure; this is the one lookup they may call.
        text = resolved.ok ? readFileSync(resolved.absolute, "utf8") : undefined;
      } catch {
        text = undefined;
      }
      texts.set(viewPath, text);
    }
    return texts.get(viewPath);
  };
  const spec: LintContext["spec"] = {
    current: {
      version: drafts.current.version,
      viewPath: drafts.current.viewPath,
      sections: drafts.current.sections,
    },
  };
  if (drafts.previous) {
    spec.previous = {
      version: drafts.previous.version,
      viewPath: drafts.previous.viewPath,
      sections: drafts.previous.sections,
    };
  }
  return {
    workspace,
    phases,
    settings,
    shared: {
      files: new Set(files.map((file) => file.viewPath)),
      readText,
      spec,
      facts: {
        "reference-examples": facts.referenceExamples,
        "reference-middleware": facts.referenceMiddleware,
        "sdk-modules": facts.sdkModules,
      },
      siblings,
      phaseFiles,
      settings,
    },
  };
}

/** The context for one plan file (absolute path); its phase's checks are matched by file name. */
export function buildLintContext(environment: LintEnvironment, absolutePath: string): LintContext {
  const name = basename(absolutePath);
  const phase = environment.phases.find((candidate) => candidate.output === name);
  return {
    ...environment.shared,
    planPath: toViewPath(environment.workspace.roots, resolve(absolutePath)),
    checks: phase?.checks ?? [],
  };
}

/** Headings of a plan, for resolving "`02-current-audit.md` §4" against it. */
export function extractPlanHeadings(markdown: string): PlanHeading[] {
  return parsePlanDocument(markdown).headings.map((heading) => ({
    depth: heading.depth,
    text: heading.text,
  }));
}

async function readSiblingHeadings(
  outDir: string,
  phaseFiles: readonly string[],
): Promise<Map<string, PlanHeading[]>> {
  const siblings = new Map<string, PlanHeading[]>();
  await Promise.all(
    phaseFiles.map(async (file) => {
      try {
        siblings.set(file, extractPlanHeadings(await readFile(join(outDir, file), "utf8")));
      } catch {
        // Not written yet: references into it are not checked.
      }
    }),
  );
  return siblings;
}

function promptsDirFor(workspace: Workspace, options: LoadLintEnvironmentOptions): string {
  if (options.promptsDir) return options.promptsDir;
  const configured = workspace.config.pipeline?.prompts;
  if (configured)
    return resolve(workspace.configPath ? dirname(workspace.configPath) : workspace.roots.sdk, configured);
  return defaultPromptsDir();
}
