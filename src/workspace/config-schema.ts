import * as z from "zod";

/**
 * The schema of `arcp-plan.config.json`. Pure: validation only, no I/O (the reader lives beside it).
 * Every section is optional; defaults are applied by the code that owns each setting, so that
 * "flag beats config beats default" is decided in one place per setting.
 */
const severity = z.enum(["off", "warning", "error"]);

/** US dollars per million tokens; all five, since none can be derived from another. */
const prices = z
  .object({
    input: z.number().nonnegative(),
    output: z.number().nonnegative(),
    cacheWrite5m: z.number().nonnegative(),
    cacheWrite1h: z.number().nonnegative(),
    cacheRead: z.number().nonnegative(),
  })
  .strict();

/** A config pattern must compile and must not match the empty string (it would redact nothing, forever). */
const secretPattern = z
  .object({
    /** Names the kind in the marker `[REDACTED:<kind>]`. */
    kind: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use kebab-case, e.g. internal-token"),
    /** JavaScript regular expression source; the whole match is replaced. */
    regex: z.string().min(1),
  })
  .strict()
  .superRefine((pattern, context) => {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern.regex);
    } catch (error) {
      context.addIssue({ code: "custom", path: ["regex"], message: (error as Error).message });
      return;
    }
    if (regex.test("")) {
      context.addIssue({ code: "custom", path: ["regex"], message: "matches the empty string" });
    }
  });

const secretsSchema = z
  .object({
    /** Extra globs of files never sent (a name without "/" matches at any depth). */
    files: z.array(z.string().min(1)).optional(),
    /** Extra credential shapes to redact from everything sent. */
    patterns: z.array(secretPattern).optional(),
  })
  .strict();
export type SecretsConfig = z.infer<typeof secretsSchema>;
/** The values `llm/model-catalog.ts` defines (this layer may not import it; a test keeps them equal). */
export const CONFIG_THINKING_MODES = ["always", "default-on", "adaptive", "extended", "none"] as const;
export const CONFIG_EFFORT_LEVELS = ["low", "medium", "high", "xhigh", "max"] as const;
const effort = z.enum(CONFIG_EFFORT_LEVELS);

/** A model's limits, thinking mode and prices: all of them for a new model, any of them to override a built-in one. */
const modelEntry = z
  .object({
    contextWindow: z.number().int().positive().optional(),
    maxOutput: z.number().int().positive().optional(),
    thinking: z.enum(CONFIG_THINKING_MODES).optional(),
    prices: prices.optional(),
  })
  .strict();

export const configSchema = z
  .object({
    workspace: z
      .object({
        /** Paths are resolved relative to the config file's folder. */
        sdk: z.string().min(1).optional(),
        spec: z.string().min(1).optional(),
        reference: z.string().min(1).optional(),
        out: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    bundle: z
      .object({
        /** Token budget for the context bundle sent with every phase. */
        budgetTokens: z.number().int().positive().optional(),
        /** Extra globs (relative to the SDK checkout view, e.g. "../typescript-sdk/packages/**") to leave out. */
        exclude: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
    model: z
      .object({
        name: z.string().min(1).optional(),
        /** `output_config.effort` for models that take it. */
        effort: effort.optional(),
        maxTokens: z.number().int().positive().optional(),
        /** Per-phase model and effort, keyed by phase id ("05-middleware"). */
        phases: z
          .record(
            z.string(),
            z.object({ name: z.string().min(1).optional(), effort: effort.optional() }).strict(),
          )
          .optional(),
        /** Models by id, merged over the built-in table. */
        models: z.record(z.string(), modelEntry).optional(),
        /** The former price table: named so its users learn where prices went. */
        prices: z
          .never({
            error:
              "model.prices was replaced by model.models.<id>.prices, which takes five prices (input, output, cacheWrite5m, cacheWrite1h, cacheRead); a model the tool does not know also needs contextWindow, maxOutput and thinking",
          })
          .optional(),
        /** Cache breakpoint on the newest message of a phase's conversation; off only to measure it. */
        cacheConversation: z.boolean().optional(),
        /** Lifetime of the bundle's cache entry: "auto" picks 1h when the run is expected to outlast 5 minutes. */
        bundleCacheTtl: z.enum(["auto", "5m", "1h"]).optional(),
        maxTurns: z.number().int().positive().optional(),
        /** SDK-level request timeout and HTTP retries. */
        timeoutMs: z.number().int().positive().optional(),
        maxRetries: z.number().int().nonnegative().optional(),
        /** Stream idle watchdog and whole-call retries for streams that stall or error mid-way. */
        idleTimeoutMs: z.number().int().positive().optional(),
        streamRetries: z.number().int().nonnegative().optional(),
        /** Base wait before the first whole-call retry; doubles per retry, with jitter. */
        streamRetryDelayMs: z.number().int().nonnegative().optional(),
      })
      .strict()
      .optional(),
    pipeline: z
      .object({
        concurrency: z.number().int().positive().optional(),
        maxRepairs: z.number().int().nonnegative().optional(),
        schedule: z.enum(["table", "reads"]).optional(),
        /** Folder of overrides applied over the compiled bootstrap (front matter per phase). */
        prompts: z.string().min(1).optional(),
        /** The planning bootstrap to run; default: the SDK checkout's BOOTSTRAP.md, else the built-in seed. */
        bootstrap: z.string().min(1).optional(),
        maxCost: z.number().nonnegative().optional(),
      })
      .strict()
      .optional(),
    secrets: secretsSchema.optional(),
    lint: z
      .object({
        wordsPerMinute: z.number().int().positive().optional(),
        maxMinutes: z.number().positive().optional(),
        bannedWords: z.array(z.string().min(1)).optional(),
        /** Severity per rule id; "off" disables the rule. */
        rules: z.record(z.string(), severity).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ArcpPlanConfig = z.infer<typeof configSchema>;

export type ConfigValidation = { ok: true; config: ArcpPlanConfig } | { ok: false; problems: string[] };

/** Validates parsed JSON and reports every problem at once, each with its dotted path. */
export function validateConfig(value: unknown): ConfigValidation {
  const result = configSchema.safeParse(value);
  if (result.success) return { ok: true, config: result.data };
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return `${path === "" ? "(top level)" : path}: ${issue.message}`;
  });
  return { ok: false, problems };
}
