import type { Severity } from "./lint-message.js";

/**
 * The one place that sets rule severities and options. Bump `LINT_RULESET_VERSION` whenever a rule's
 * behaviour changes: the run record keys phases on it, so plans are re-checked under the new rules.
 */
export const LINT_RULESET_VERSION = "1.0.0";

export const RULE_IDS = [
  "reading-time",
  "banned-words",
  "paths-resolve",
  "spec-sections",
  "plan-references",
  "paragraph-cites",
  "fences-balanced",
  "no-emoji",
  "no-simply-just",
  "bullet-restates-heading",
  "future-work-concrete",
  "risks-name-things",
  "phase-structure",
] as const;

export type RuleId = (typeof RULE_IDS)[number];
export type RuleSeverity = Severity | "off";

/** Default severities: errors for defects a reviewer would always reject, warnings for heuristics. */
export const DEFAULT_SEVERITIES: Readonly<Record<RuleId, RuleSeverity>> = {
  "reading-time": "error",
  "banned-words": "error",
  "paths-resolve": "error",
  "spec-sections": "error",
  "plan-references": "error",
  "paragraph-cites": "warning",
  "fences-balanced": "error",
  "no-emoji": "error",
  "no-simply-just": "warning",
  "bullet-restates-heading": "warning",
  "future-work-concrete": "error",
  "risks-name-things": "error",
  "phase-structure": "error",
};

/** The seed bootstrap's anti-slop word list: used when neither the bootstrap nor the config gives one. */
export const DEFAULT_BANNED_WORDS = [
  "leverage",
  "robust",
  "scalable",
  "performant",
  "powerful",
  "modern",
  "easy to use",
  "developer-friendly",
  "best-in-class",
] as const;

export interface LintSettings {
  severities: Readonly<Record<RuleId, RuleSeverity>>;
  /** Reading speed for `reading-time` (config `lint.wordsPerMinute`). */
  wordsPerMinute: number;
  /** A plan must read in under this many minutes (config `lint.maxMinutes`). */
  maxMinutes: number;
  /** Words and phrases `banned-words` rejects (config `lint.bannedWords`, else the bootstrap's). */
  bannedWords: readonly string[];
  /**
   * Words the bootstrap bans under a condition the linter cannot judge ("zero-cost" when not shown):
   * word → the condition. Reported as warnings.
   */
  conditionalBannedWords: Readonly<Record<string, string>>;
  /** `paragraph-cites`: paragraphs and list items shorter than this are not checked. */
  citeMinWords: number;
  /** Plans where SDK paths are cited as existing code unless marked new (`paths-resolve`). */
  existingCodePlans: readonly string[];
  /** Plans written in documentation voice, where `no-simply-just` applies. */
  docsVoicePlans: readonly string[];
}

export const DEFAULT_SETTINGS: Omit<LintSettings, "severities"> = {
  wordsPerMinute: 238,
  maxMinutes: 8,
  bannedWords: DEFAULT_BANNED_WORDS,
  conditionalBannedWords: {},
  citeMinWords: 10,
  existingCodePlans: ["02-current-audit.md"],
  docsVoicePlans: ["08-docs-readme.md"],
};

/** The `lint` section of `arcp-plan.config.json`, as far as the linter reads it. */
export interface LintConfigInput {
  wordsPerMinute?: number | undefined;
  maxMinutes?: number | undefined;
  bannedWords?: readonly string[] | undefined;
  rules?: Readonly<Record<string, RuleSeverity>> | undefined;
}

/** The bootstrap's banned words: plain ones, and those written with a condition after them. */
export interface BootstrapWords {
  words: readonly string[];
  conditional: Readonly<Record<string, string>>;
}

/**
 * Merges the config over the bootstrap's words over the preset. Unknown rule ids are reported, not
 * ignored. A config word list replaces the bootstrap's, conditional words included.
 */
export function buildLintSettings(
  config: LintConfigInput = {},
  bootstrap?: BootstrapWords,
): {
  settings: LintSettings;
  problems: string[];
} {
  const problems: string[] = [];
  const severities: Record<RuleId, RuleSeverity> = { ...DEFAULT_SEVERITIES };
  for (const [id, severity] of Object.entries(config.rules ?? {})) {
    if (isRuleId(id)) severities[id] = severity;
    else problems.push(`lint.rules.${id}: unknown rule id; known rules: ${RULE_IDS.join(", ")}`);
  }
  return {
    settings: {
      ...DEFAULT_SETTINGS,
      severities,
      wordsPerMinute: config.wordsPerMinute ?? DEFAULT_SETTINGS.wordsPerMinute,
      maxMinutes: config.maxMinutes ?? DEFAULT_SETTINGS.maxMinutes,
      bannedWords: config.bannedWords ?? bootstrap?.words ?? DEFAULT_SETTINGS.bannedWords,
      conditionalBannedWords: config.bannedWords ? {} : (bootstrap?.conditional ?? {}),
    },
    problems,
  };
}

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}
