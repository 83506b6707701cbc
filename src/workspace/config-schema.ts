import * as z from "zod";

/**
 * The schema of `arcp-plan.config.json`. Pure: validation only, no I/O (the reader lives beside it).
 * Every section is optional; defaults are applied by the code that owns each setting, so that
 * "flag beats config beats default" is decided in one place per setting.
 */
const severity = z.enum(["off", "warning", "error"]);

const price = z
  .object({
    /** US dollars per million tokens. */
    input: z.number().nonnegative(),
    output: z.number().nonnegative(),
    cacheWrite: z.number().nonnegative(),
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
        maxTokens: z.number().int().positive().optional(),
        /** Per-phase model override, keyed by phase id ("05-middleware"). */
        phases: z.record(z.string(), z.object({ name: z.string().min(1) }).strict()).optional(),
        /** Price table by model name; merged over the built-in one. */
        prices: z.record(z.string(), price).optional(),
        maxTurns: z.number().int().positive().optional(),
        /** SDK-level request timeout and HTTP retries. */
        timeoutMs: z.number().int().positive().optional(),
        maxRetries: z.number().int().nonnegative().optional(),
        /** Stream idle watchdog and whole-call retries for streams that stall or error mid-way. */
        idleTimeoutMs: z.number().int().positive().optional(),
        streamRetries: z.number().int().nonnegative().optional(),
      })
      .strict()
      .optional(),
    pipeline: z
      .object({
        concurrency: z.number().int().positive().optional(),
        maxRepairs: z.number().int().nonnegative().optional(),
        schedule: z.enum(["table", "reads"]).optional(),
        prompts: z.string().min(1).optional(),
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
