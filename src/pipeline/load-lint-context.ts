import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import type { LintContext, PlanHeading } from "../lint/lint-context.js";
import { type BootstrapWords, buildLintSettings, type LintSettings } from "../lint/preset.js";
import { readNewErrorCodes } from "../workspace/new-error-codes.js";
import type { Workspace } from "../workspace/resolve-workspace.js";
import { readSpecDrafts } from "../workspace/spec-drafts.js";
import { readWorkspaceFacts } from "../workspace/workspace-facts.js";
import { listWorkspacePaths } from "../workspace/workspace-files.js";
import type { CompiledBootstrap } from "./bootstrap/compiled-bootstrap.js";
import { createTextReader } from "./build-lint-context.js";
import { compileBootstrapSource } from "./compile-bootstrap-source.js";
import { loadPhaseDefinitions, resolvePromptsDir } from "./load-phase-definitions.js";
import type { PhaseDefinition } from "./phase-definition.js";

/**
 * The I/O half of linting: reads the workspace once (file list, spec drafts, facts, phase checks,
 * sibling plans' headings) into a `LintEnvironment`; `buildLintContext` then makes the pure
 * per-file context the rules run on. `arcp-plan lint` and the pipeline's lint-and-repair share it.
 */
/** What the linter needs of a phase: its output file name and its structure checks. */
export type LintPhase = Pick<PhaseDefinition, "output" | "checks">;

export interface LintEnvironment {
  workspace: Workspace;
  phases: readonly LintPhase[];
  settings: LintSettings;
  /** Everything of `LintContext` that does not depend on the file being linted. */
  shared: Omit<LintContext, "planPath" | "checks">;
}

export interface LoadLintEnvironmentOptions {
  /** The user's override folder; default: config `pipeline.prompts`, else none. */
  promptsDir?: string;
  /** Phase definitions the caller loads (skips building the program). */
  phases?: readonly LintPhase[] | Promise<readonly LintPhase[]>;
  /**
   * Headings of plans in the output folder that the caller has parsed already (keyed by file name,
   * taken from the file's text on disk); only the other phase files are read and parsed here.
   */
  knownHeadings?:
    | ReadonlyMap<string, readonly PlanHeading[]>
    | Promise<ReadonlyMap<string, readonly PlanHeading[]>>;
  /** How the other phase files' headings are found from their text; default: parse (the lint cache may know them). */
  extractHeadings?: HeadingExtractor;
}

type HeadingExtractor = (markdown: string) => readonly PlanHeading[] | Promise<readonly PlanHeading[]>;

export { buildLintContext, createTextReader, type LintContextSource } from "./build-lint-context.js";

export async function loadLintEnvironment(
  workspace: Workspace,
  options: LoadLintEnvironmentOptions = {},
): Promise<LintEnvironment> {
  const compiled = compileBootstrapSource(workspace.bootstrap);
  const { settings, problems } = buildLintSettings(workspace.config.lint, bootstrapWords(compiled));
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
  // One walk of the workspace serves both the file set and the SDK's module list. No file is read:
  // a cited file exists whether it is text or not.
  const listed = listWorkspacePaths(workspace.roots);
  const draftsRead = readSpecDrafts(workspace);
  const [phases, drafts, files, facts, newErrorCodes] = await Promise.all([
    options.phases ??
      loadPhaseDefinitions(workspace, promptsDirFor(workspace, options)).then((loaded) => loaded.phases),
    draftsRead,
    listed,
    listed.then((all) => readWorkspaceFacts(workspace, { files: all })),
    draftsRead.then(readNewErrorCodes),
  ]);
  const phaseFiles = phases.map((phase) => phase.output);
  const siblings = await readSiblingHeadings(
    workspace.outDir,
    phaseFiles,
    await options.knownHeadings,
    options.extractHeadings,
  );
  const readText = createTextReader(workspace.roots);
  const spec: LintContext["spec"] = {
    current: {
      version: drafts.current.version,
      viewPath: drafts.current.viewPath,
      sections: drafts.current.sections,
    },
  };
  if (drafts.previous) {
    // Every draft of the previous version counts: v1.0 numbering moved between its revisions.
    const older = drafts.all.filter((draft) => draft.version === drafts.previous!.version);
    spec.previous = {
      version: drafts.previous.version,
      viewPath: drafts.previous.viewPath,
      sections: older.flatMap((draft) => draft.sections),
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
        "spec-new-error-codes": newErrorCodes,
      },
      siblings,
      rootNames: {
        sdk: basename(workspace.roots.sdk),
        spec: basename(workspace.roots.spec),
        reference: basename(workspace.roots.reference),
      },
      sdkLanguage: facts.sdkLanguage === "unknown" ? undefined : facts.sdkLanguage,
      bootstrapLanguage: compiled.language?.value,
      phaseFiles,
      settings,
    },
  };
}

/** The guardrails' banned words; a bootstrap that lists none leaves the preset's in force. */
function bootstrapWords(compiled: CompiledBootstrap): BootstrapWords | undefined {
  if (compiled.bannedWords.length === 0) return undefined;
  const plain = compiled.bannedWords.filter((word) => word.note === undefined);
  const conditional = compiled.bannedWords.filter((word) => word.note !== undefined);
  return {
    words: plain.map((word) => word.word),
    conditional: Object.fromEntries(conditional.map((word) => [word.word, word.note!])),
  };
}

/**
 * Headings of a plan, for resolving "`02-current-audit.md` §4" against it. The parser is imported on
 * first use: a re-lint answered from the lint cache loads none of it (~15 ms of module loading).
 */
export async function extractPlanHeadings(markdown: string): Promise<PlanHeading[]> {
  const { parsePlanDocument, planHeadings } = await import("../lint/plan-document.js");
  return planHeadings(parsePlanDocument(markdown));
}

async function readSiblingHeadings(
  outDir: string,
  phaseFiles: readonly string[],
  known: ReadonlyMap<string, readonly PlanHeading[]> = new Map(),
  extractHeadings: HeadingExtractor = extractPlanHeadings,
): Promise<Map<string, readonly PlanHeading[]>> {
  const found = await Promise.all(
    phaseFiles.map(async (file): Promise<readonly PlanHeading[] | undefined> => {
      const headings = known.get(file);
      if (headings) return headings;
      try {
        return await extractHeadings(await readFile(join(outDir, file), "utf8"));
      } catch {
        return undefined; // Not written yet: references into it are not checked.
      }
    }),
  );
  const siblings = new Map<string, readonly PlanHeading[]>();
  phaseFiles.forEach((file, index) => {
    const headings = found[index];
    if (headings) siblings.set(file, headings);
  });
  return siblings;
}

function promptsDirFor(workspace: Workspace, options: LoadLintEnvironmentOptions): string | undefined {
  return options.promptsDir ?? resolvePromptsDir(workspace);
}
