import { ArcpPlanError } from "../errors/arcp-plan-error.js";

export const API_KEY_ENV = "ANTHROPIC_API_KEY";
/** A bearer token instead of a key (gateways and proxies in front of the API use these). */
export const AUTH_TOKEN_ENV = "ANTHROPIC_AUTH_TOKEN";
export const BASE_URL_ENV = "ANTHROPIC_BASE_URL";

export type Environment = Readonly<Record<string, string | undefined>>;

/** What the SDK authenticates with: an API key, or a bearer token from a gateway (the SDK builds the headers). */
export type Credentials = { apiKey: string } | { authToken: string };

/** Which variable `run` would authenticate with, without reading the value out (for `doctor`). */
export function credentialSource(env: Environment): typeof API_KEY_ENV | typeof AUTH_TOKEN_ENV | undefined {
  const credentials = findCredentials(env, undefined);
  if (credentials === undefined) return undefined;
  return "apiKey" in credentials ? API_KEY_ENV : AUTH_TOKEN_ENV;
}

/**
 * The credentials to hand to the SDK, or throws the `auth` error naming the ways to provide one. The
 * value never enters a message, a log line or a file.
 */
export function requireCredentials(
  env: Environment,
  explicit: string | undefined,
  phaseId: string,
): Credentials {
  return findCredentials(env, explicit) ?? missingKey(phaseId);
}

/** An explicit key, else `ANTHROPIC_API_KEY`, else `ANTHROPIC_AUTH_TOKEN` (the key wins, as in the SDK). */
function findCredentials(env: Environment, explicit: string | undefined): Credentials | undefined {
  const key = nonEmpty(explicit) ?? nonEmpty(env[API_KEY_ENV]);
  if (key !== undefined) return { apiKey: key };
  const token = nonEmpty(env[AUTH_TOKEN_ENV]);
  return token === undefined ? undefined : { authToken: token };
}

/** The base URL the SDK should use: explicit option, then ANTHROPIC_BASE_URL, else the SDK default. */
export function resolveBaseUrl(env: Environment, explicit: string | undefined): string | undefined {
  return nonEmpty(explicit) ?? nonEmpty(env[BASE_URL_ENV]);
}

function missingKey(phaseId: string): never {
  throw new ArcpPlanError("auth", `No Anthropic API key: phase ${phaseId} needs one to call the model.`, {
    hint: `Set ${API_KEY_ENV} in the environment: export it in your shell (export ${API_KEY_ENV}=...) or give it to one run (${API_KEY_ENV}=... arcp-plan run); in CI, map it from a secret. Behind a gateway that takes a bearer token, set ${AUTH_TOKEN_ENV} instead. \`lint\`, \`bundle\` and \`run --dry-run\` need no key.`,
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}
