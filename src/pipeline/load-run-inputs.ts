import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import type { LoadedBundle } from "../workspace/load-bundle.js";
import { renderBundleForPrompt } from "../workspace/render-bundle-for-prompt.js";
import type { Workspace } from "../workspace/resolve-workspace.js";
import { buildSecretPolicy, type SecretPolicy } from "../workspace/secrets/secret-policy.js";
import type { CompiledBootstrap } from "./bootstrap/compiled-bootstrap.js";
import { describeBootstrapNotices } from "./describe-bootstrap-notices.js";
import { openLintCache } from "./lint-cache.js";
import { type LintEnvironment, loadLintEnvironment } from "./load-lint-context.js";
import { loadPhaseDefinitions } from "./load-phase-definitions.js";
import { loadProgramBundle } from "./load-program-bundle.js";
import { outputViewDir } from "./output-view-dir.js";
import type { PhaseDefinition } from "./phase-definition.js";
import { buildPhaseGraph, type PhaseGraph } from "./phase-graph.js";
import { type PipelineSettings, requireKnownPhaseSettings } from "./pipeline-settings.js";
import { runStateDir } from "./run-record.js";
import { sha256 } from "./sha256.js";

/** Everything a run, a dry run or `status` reads before deciding anything. */
export interface RunInputs {
  workspace: Workspace;
  settings: PipelineSettings;
  system: string;
  systemHash: string;
  phases: PhaseDefinition[];
  /** The bootstrap in force, compiled: version, output folder, reading list, where each phase came from. */
  compiled: CompiledBootstrap;
  byId: ReadonlyMap<string, PhaseDefinition>;
  graph: PhaseGraph;
  /** Files withheld and strings redacted by `secrets`: what the bundle sends is already redacted. */
  bundle: LoadedBundle;
  /** What never leaves the machine (config `secrets` over the built-in rules); one policy per run. */
  secrets: SecretPolicy;
  bundleText: string;
  /** View path → sha256 of every file the bundle sends (a key component of every phase). */
  bundleFiles: Record<string, string>;
  lint: LintEnvironment;
  /** Said before a run or dry run: a passed-over BOOTSTRAP.md, a bootstrap for another language. */
  notices: string[];
  /** The output folder as seen from the SDK checkout ("planning/v1.1"). */
  outViewDir: string;
  stateDir: string;
}

export async function loadRunInputs(workspace: Workspace, settings: PipelineSettings): Promise<RunInputs> {
  const { system, phases, compiled } = await loadPhaseDefinitions(workspace, settings.promptsDir);
  requireKnownPhaseSettings(
    workspace,
    phases.map((phase) => phase.id),
  );
  const graph = buildPhaseGraph(phases, settings.schedule);
  const secrets = buildSecretPolicy(workspace.config.secrets);
  // The lint cache, read only, knows the headings of unchanged plans: `status` and `run` parse none.
  const lintCache = await openLintCache(workspace.outDir);
  const [bundle, lint] = await Promise.all([
    loadProgramBundle(workspace, {
      secrets,
      ...(workspace.config.bundle?.budgetTokens
        ? { budgetTokens: workspace.config.bundle.budgetTokens }
        : {}),
    }),
    loadLintEnvironment(workspace, {
      phases,
      ...(lintCache ? { extractHeadings: (text: string) => lintCache.headingsOf(text) } : {}),
    }),
  ]);
  const bundleFiles: Record<string, string> = {};
  for (const entry of bundle.entries)
    if (entry.content !== undefined && entry.sha256) bundleFiles[entry.viewPath] = entry.sha256;
  return {
    workspace,
    settings,
    system,
    systemHash: sha256(system),
    phases,
    compiled,
    byId: new Map(phases.map((phase) => [phase.id, phase])),
    graph,
    bundle,
    secrets,
    bundleText: renderBundleForPrompt(bundle),
    bundleFiles,
    lint,
    notices: describeBootstrapNotices(workspace.bootstrap, {
      sdk: lint.shared.sdkLanguage,
      bootstrap: lint.shared.bootstrapLanguage,
    }),
    outViewDir: outputViewDir(workspace),
    stateDir: runStateDir(workspace.outDir),
  };
}

/** The plan on disk and its hash, or undefined when there is none. */
export async function readPlan(
  inputs: RunInputs,
  output: string,
): Promise<{ text: string; hash: string } | undefined> {
  try {
    const text = await readFile(join(inputs.workspace.outDir, output), "utf8");
    return { text, hash: sha256(text) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    // A file where a folder should be (`planning` is a file, `--out` below a file) or a folder where a
    // plan should be: the user's to fix, and found before any request is sent.
    const path = join(inputs.workspace.outDir, output);
    throw new ArcpPlanError("workspace", `cannot read the plan ${path}: ${(error as Error).message}`, {
      hint:
        code === "ENOTDIR"
          ? "a file stands where the output folder should be: move it, or choose another output folder with --out (config: workspace.out)"
          : "make the output folder and its plans readable files, or choose another output folder with --out (config: workspace.out)",
      cause: error,
    });
  }
}
