import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import { mergeModelCatalog } from "../llm/merge-model-catalog.js";
import { BUILT_IN_MODELS, DEFAULT_MODEL, type Effort, type ModelCatalog } from "../llm/model-catalog.js";
import type { BackoffSettings } from "../llm/retry-delay.js";
import { DEFAULT_BACKOFF } from "../llm/retry-delay.js";
import type { Workspace } from "../workspace/resolve-workspace.js";
import { resolvePromptsDir } from "./load-phase-definitions.js";
import type { PhaseDefinition } from "./phase-definition.js";
import type { ScheduleKind } from "./phase-graph.js";

/** Flags that override config for a pipeline command; undefined means "not given". */
export interface PipelineFlags {
  concurrency?: number;
  model?: string;
  effort?: Effort;
  maxCost?: number;
  maxRepairs?: number;
  schedule?: ScheduleKind;
  prompts?: string;
}

/** Every knob of a run after "flag beats config beats default" has been decided, in one place. */
export interface PipelineSettings {
  concurrency: number;
  /** Model for phases without their own; a `--model` flag also beats per-phase choices. */
  model: string;
  modelFromFlag: boolean;
  perPhaseModels: Readonly<Record<string, string>>;
  /** Effort for phases without their own; `--effort` also beats per-phase choices. */
  effort: Effort | undefined;
  effortFromFlag: boolean;
  perPhaseEffort: Readonly<Record<string, Effort>>;
  maxTokens: number | undefined;
  maxTurns: number;
  maxRepairs: number;
  schedule: ScheduleKind;
  /** Where the schedule came from; "last run" is the run record's, so a plain `run` keeps `--schedule reads`. */
  scheduleFrom: "flag" | "config" | "last run" | "default";
  /** The user's override folder, if any. */
  promptsDir: string | undefined;
  maxCost: number | undefined;
  /** Built-in models with config's `model.models` merged over them. */
  catalog: ModelCatalog;
  cacheConversation: boolean;
  bundleCacheTtl: "auto" | "5m" | "1h";
  streamRetryBackoff: BackoffSettings;
}

export const DEFAULT_CONCURRENCY = 7;
export const DEFAULT_SCHEDULE: ScheduleKind = "table";
export const DEFAULT_MAX_REPAIRS = 2;
export const DEFAULT_MAX_TURNS = 24;
export const DEFAULT_PHASE_MAX_TOKENS = 16_000;

/** What the last run left in the run record that later commands follow when no flag or config says otherwise. */
export interface RememberedSettings {
  schedule?: ScheduleKind | undefined;
}

/**
 * Pure. Relative config paths resolve against the config file's folder. The schedule is flag, then
 * config, then the last run's (a run under `--schedule reads` followed by a plain `run` or `status`
 * must not see every fan-out phase as stale because its upstream changed), then the bootstrap's table.
 */
export function resolvePipelineSettings(
  workspace: Pick<Workspace, "config" | "configPath" | "roots">,
  flags: PipelineFlags,
  cwd: string,
  remembered: RememberedSettings = {},
): PipelineSettings {
  const { config } = workspace;
  const promptsDir = resolvePromptsDir(workspace, flags.prompts ? { dir: flags.prompts, cwd } : undefined);
  const phases = Object.entries(config.model?.phases ?? {});
  const merged = mergeModelCatalog(BUILT_IN_MODELS, config.model?.models);
  if (!merged.ok) {
    throw new ArcpPlanError("config", `${workspace.configPath ?? "the config"}: model.models is incomplete`, {
      details: merged.problems,
      hint: 'give a new model all of: "contextWindow", "maxOutput", "thinking" (always, default-on, adaptive, extended or none) and "prices" {input, output, cacheWrite5m, cacheWrite1h, cacheRead} in US dollars per million tokens',
    });
  }
  return {
    concurrency: flags.concurrency ?? config.pipeline?.concurrency ?? DEFAULT_CONCURRENCY,
    model: flags.model ?? config.model?.name ?? DEFAULT_MODEL,
    modelFromFlag: flags.model !== undefined,
    perPhaseModels: Object.fromEntries(phases.flatMap(([id, c]) => (c.name ? [[id, c.name]] : []))),
    effort: flags.effort ?? config.model?.effort,
    effortFromFlag: flags.effort !== undefined,
    perPhaseEffort: Object.fromEntries(phases.flatMap(([id, c]) => (c.effort ? [[id, c.effort]] : []))),
    maxTokens: config.model?.maxTokens,
    maxTurns: config.model?.maxTurns ?? DEFAULT_MAX_TURNS,
    maxRepairs: flags.maxRepairs ?? config.pipeline?.maxRepairs ?? DEFAULT_MAX_REPAIRS,
    schedule: flags.schedule ?? config.pipeline?.schedule ?? remembered.schedule ?? DEFAULT_SCHEDULE,
    scheduleFrom: flags.schedule
      ? "flag"
      : config.pipeline?.schedule
        ? "config"
        : remembered.schedule && remembered.schedule !== DEFAULT_SCHEDULE
          ? "last run"
          : "default",
    promptsDir,
    maxCost: flags.maxCost ?? config.pipeline?.maxCost,
    catalog: merged.catalog,
    cacheConversation: config.model?.cacheConversation ?? true,
    bundleCacheTtl: config.model?.bundleCacheTtl ?? "auto",
    streamRetryBackoff: {
      ...DEFAULT_BACKOFF,
      ...(config.model?.streamRetryDelayMs !== undefined ? { baseMs: config.model.streamRetryDelayMs } : {}),
    },
  };
}

/** Model of one phase: `--model` flag, then config `model.phases.<id>`, then its override file, then the default. */
export function modelForPhase(settings: PipelineSettings, phase: PhaseDefinition): string {
  if (settings.modelFromFlag) return settings.model;
  return settings.perPhaseModels[phase.id] ?? phase.model ?? settings.model;
}

/** Effort of one phase: `--effort`, then config `model.phases.<id>.effort`, then `model.effort`; none means the API's default. */
export function effortForPhase(settings: PipelineSettings, phase: PhaseDefinition): Effort | undefined {
  if (settings.effortFromFlag) return settings.effort;
  return settings.perPhaseEffort[phase.id] ?? settings.effort;
}

/** Max output tokens of one phase: config `model.maxTokens` caps the prompt's own `maxTokens`. */
export function maxTokensForPhase(settings: PipelineSettings, phase: PhaseDefinition): number {
  const own = phase.maxTokens ?? DEFAULT_PHASE_MAX_TOKENS;
  return settings.maxTokens === undefined ? own : Math.min(own, settings.maxTokens);
}

/**
 * Config `model.phases` keys must name the bootstrap's phases: a typo ("5-mw") would otherwise be
 * ignored without a word and the phase run on the default model.
 */
export function requireKnownPhaseSettings(
  workspace: Pick<Workspace, "config" | "configPath">,
  ids: readonly string[],
): void {
  const unknown = Object.keys(workspace.config.model?.phases ?? {}).filter((id) => !ids.includes(id));
  if (unknown.length === 0) return;
  throw new ArcpPlanError(
    "config",
    `${workspace.configPath ?? "the config"}: model.phases names ${unknown.length === 1 ? "a phase" : "phases"} the bootstrap does not have: ${unknown.join(", ")}`,
    { hint: `use the bootstrap's phase ids: ${ids.join(", ")}` },
  );
}
