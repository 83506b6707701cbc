import { isArcpPlanError } from "../errors/arcp-plan-error.js";
import { buildLintSettings, RULE_IDS } from "../lint/preset.js";
import { loadPhaseDefinitions, resolvePromptsDir } from "../pipeline/load-phase-definitions.js";
import { buildPhaseGraph } from "../pipeline/phase-graph.js";
import { requireKnownPhaseSettings } from "../pipeline/pipeline-settings.js";
import type { Check } from "../workspace/build-drift-checks.js";
import type { Workspace } from "../workspace/resolve-workspace.js";

/**
 * What the other commands check in the config beyond its schema, as `doctor` lines: the lint section
 * (rule ids the linter knows; `lint` and `run` exit 2 on an unknown one) and the bootstrap with its overrides and
 * its phase graph under both schedules (`run`, `status` and `lint` exit 2 on a broken one).
 */
export async function checkConfigSettings(workspace: Workspace, promptsDir?: string): Promise<Check[]> {
  return [
    checkLintSettings(workspace),
    await checkPrompts(workspace, promptsDir ?? resolvePromptsDir(workspace)),
  ];
}

function checkLintSettings(workspace: Workspace): Check {
  const { problems } = buildLintSettings(workspace.config.lint);
  const changed = Object.keys(workspace.config.lint?.rules ?? {}).length;
  if (problems.length === 0) {
    return {
      id: "config.lint",
      status: "ok",
      message: `lint settings: ${RULE_IDS.length} rules, ${changed === 0 ? "none" : changed} set in the config`,
    };
  }
  return {
    id: "config.lint",
    status: "fail",
    message: `lint settings: the lint section of ${workspace.configPath ?? "the config"} does not validate (the other commands stop on it with exit 2)`,
    details: [...problems, "hint: fix or remove the named keys under lint.rules in arcp-plan.config.json"],
  };
}

const ORIGINS = {
  flag: "--bootstrap",
  config: "pipeline.bootstrap",
  checkout: "the SDK checkout's own",
  builtin: "the built-in seed; the checkout has no BOOTSTRAP.md",
} as const;

async function checkPrompts(workspace: Workspace, dir: string | undefined): Promise<Check> {
  try {
    const { phases } = await loadPhaseDefinitions(workspace, dir);
    requireKnownPhaseSettings(
      workspace,
      phases.map((phase) => phase.id),
    );
    for (const kind of ["table", "reads"] as const) buildPhaseGraph(phases, kind);
    const overrides = dir === undefined ? "" : `, overrides from ${dir}`;
    const { bootstrap } = workspace;
    const origin = bootstrap.passedOver
      ? `the built-in seed; ${bootstrap.passedOver}`
      : ORIGINS[bootstrap.origin];
    return {
      id: "config.prompts",
      status: bootstrap.passedOver ? "warn" : "ok",
      message: `bootstrap: ${bootstrap.path} (${origin}): ${phases.length} phases, protocol ${workspace.protocolVersion}${overrides}`,
    };
  } catch (error) {
    if (!isArcpPlanError(error)) throw error;
    return {
      id: "config.prompts",
      status: "fail",
      message: `bootstrap: ${error.message}`,
      details: [...error.details, ...(error.hint ? [`hint: ${error.hint}`] : [])],
    };
  }
}
