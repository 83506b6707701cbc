import { ArcpPlanError } from "../errors/arcp-plan-error.js";

export const API_KEY_ENV = "ANTHROPIC_API_KEY";
export const BASE_URL_ENV = "ANTHROPIC_BASE_URL";

export type Environment = Readonly<Record<string, string | undefined>>;

/** Whether a key is available, without reading it out (for `doctor`). */
export function hasApiKey(env: Environment, explicit?: string): boolean {
  return nonEmpty(explicit) !== undefined || nonEmpty(env[API_KEY_ENV]) !== undefined;
}

/**
 * Returns the key to hand to the SDK, or throws the `auth` error naming both ways to provide it.
 * The key itself never enters a message, a log line or a file.
 */
export function requireApiKey(env: Environment, explicit: string | undefined, phaseId: string): string {
  const key = nonEmpty(explicit) ?? nonEmpty(env[API_KEY_ENV]);
  if (key !== undefined) return key;
  return missingKey(phaseId);
}

/** The base URL the SDK should use: explicit option, then ANTHROPIC_BASE_URL, else the SDK default. */
export function resolveBaseUrl(env: Environment, explicit: string | undefined): string | undefined {
  return nonEmpty(explicit) ?? nonEmpty(env[BASE_URL_ENV]);
}

function missingKey(phaseId: string): never {
  throw new ArcpPlanError("auth", `No Anthropic API key: phase ${phaseId} needs one to call the model.`, {
    hint: `Set ${API_KEY_ENV} in the environment: export it in your shell (export ${API_KEY_ENV}=...) or give it to one run (${API_KEY_ENV}=... npx arcp-plan run); in CI, map it from a secret. \`lint\`, \`bundle\` and \`run --dry-run\` need no key.`,
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}
