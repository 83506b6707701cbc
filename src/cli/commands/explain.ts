import { ArcpPlanError } from "../../errors/arcp-plan-error.js";
import type { CompiledBootstrap, CompiledPhase } from "../../pipeline/compile-bootstrap.js";
import { builtinBootstrapPath } from "../../pipeline/compile-bootstrap-source.js";
import { findPhaseId } from "../../pipeline/find-phase-id.js";
import { loadPhaseDefinitions, resolvePromptsDir } from "../../pipeline/load-phase-definitions.js";
import type { PhaseDefinition } from "../../pipeline/phase-definition.js";
import { buildPhaseGraph } from "../../pipeline/phase-graph.js";
import {
  maxTokensForPhase,
  modelForPhase,
  requireKnownPhaseSettings,
  resolvePipelineSettings,
} from "../../pipeline/pipeline-settings.js";
import { sdkLocation } from "../../workspace/build-workspace-locations.js";
import { readBootstrapSource } from "../../workspace/read-bootstrap-source.js";
import { readWorkspaceConfig } from "../../workspace/read-config-file.js";
import type { CommandContext, CommandOutcome } from "../command-outcome.js";
import { type ExplainedPhase, renderExplainOverview, renderExplainPhase } from "../render/render-explain.js";

export interface ExplainOptions {
  sdk?: string;
  bootstrap?: string;
  config?: string;
  prompts?: string;
  model?: string;
  json?: boolean;
}

/**
 * `arcp-plan explain [phase]`: what the bootstrap in force compiles to — the phase graph, the system
 * text, the banned words, the reading list, and for one phase its instructions, model and checks with
 * the bootstrap line (or override file) each came from. Finds the bootstrap the way `run` does
 * (`--bootstrap`, config `pipeline.bootstrap`, the checkout's BOOTSTRAP.md, the built-in seed) and
 * applies the same overrides; needs no API key and no spec or reference checkout.
 */
export async function explainCommand(
  options: ExplainOptions & CommandContext,
  args: string[],
): Promise<CommandOutcome> {
  const { bootstrap, program, explained } = await explainProgram(options);
  const { compiled } = program;
  const source = { path: bootstrap.path, origin: bootstrap.origin };

  const selector = args[0];
  if (selector === undefined) {
    if (options.json) {
      const json = {
        source,
        ...compiled,
        run: Object.fromEntries(explained.map((e) => [e.phase.id, asRun(e)])),
      };
      return { stdout: `${JSON.stringify(json, null, 2)}\n`, status: "ok" };
    }
    return { stdout: renderExplainOverview(compiled, source, explained, program.system), status: "ok" };
  }
  const chosen = findPhase(compiled, explained, selector);
  const notUpstream = buildPhaseGraph(program.phases, "table").siblingsNotAvailable(chosen.phase.id);
  if (options.json) {
    const { phases: _phases, ...rest } = compiled;
    const json = {
      source,
      ...rest,
      phase: chosen.phase,
      run: asRun(chosen),
      notUpstream,
    };
    return { stdout: `${JSON.stringify(json, null, 2)}\n`, status: "ok" };
  }
  return { stdout: renderExplainPhase(chosen, notUpstream, program.system), status: "ok" };
}

/**
 * The bootstrap and overrides a run in this place would use, with each phase's model and output cap:
 * the config is read as `run` reads it, but no spec or reference checkout is needed.
 */
async function explainProgram(options: ExplainOptions & CommandContext) {
  const { config, configPath, configDir } = await readWorkspaceConfig(options);
  const sdk = sdkLocation({
    cwd: options.cwd,
    flags: { sdk: options.sdk },
    config: config.workspace,
    configDir,
  }).path;
  const bootstrap = await readBootstrapSource({
    cwd: options.cwd,
    flag: options.bootstrap,
    configured: config.pipeline?.bootstrap,
    configDir,
    sdkRoot: sdk,
    builtin: builtinBootstrapPath(),
  });
  const place = { config, configPath, roots: { sdk, spec: sdk, reference: sdk } };
  const flag = options.prompts ? { dir: options.prompts, cwd: options.cwd } : undefined;
  const program = await loadPhaseDefinitions({ bootstrap }, resolvePromptsDir(place, flag));
  requireKnownPhaseSettings(
    place,
    program.phases.map((phase) => phase.id),
  );
  const settings = resolvePipelineSettings(place, options.model ? { model: options.model } : {}, options.cwd);
  const explained = program.compiled.phases.map((phase): ExplainedPhase => {
    const definition = program.phases.find((candidate) => candidate.id === phase.id)!;
    return {
      phase,
      definition,
      model: modelForPhase(settings, definition),
      maxTokens: maxTokensForPhase(settings, definition),
      overrideChecks: overrideChecks(phase, definition),
    };
  });
  return { bootstrap, program, explained };
}

/** What a run gives the phase after overrides and config: model, output cap, reads and checks. */
function asRun(explained: ExplainedPhase) {
  const { definition } = explained;
  return {
    model: explained.model,
    maxTokens: explained.maxTokens,
    reads: definition.reads,
    checks: definition.checks,
    promptSource: definition.promptSource,
  };
}

/** The checks an override added: those of the definition that the compiler did not derive. */
function overrideChecks(phase: CompiledPhase, definition: PhaseDefinition) {
  const derived = new Set(phase.checks.map((check) => check.check));
  return definition.checks.filter((check) => !derived.has(check));
}

/** A phase by id ("04-architecture") or by number ("4", "04"). */
function findPhase(
  compiled: CompiledBootstrap,
  explained: readonly ExplainedPhase[],
  selector: string,
): ExplainedPhase {
  const id = findPhaseId(compiled.phases, selector);
  const found = explained.find(({ phase }) => phase.id === id);
  if (!found) {
    throw new ArcpPlanError("usage", `unknown phase '${selector}'`, {
      hint: `use one of: ${compiled.phases.map((candidate) => candidate.id).join(", ")} (or its number)`,
    });
  }
  return found;
}
