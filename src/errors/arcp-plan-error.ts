/**
 * The one error type that crosses layer boundaries. `kind` says why the tool could not do its job;
 * only `cli/main.ts` turns a kind into an exit code.
 */
export type FailureKind =
  /** Bad command line: unknown option, unknown phase id, conflicting flags. */
  | "usage"
  /** A config file, bootstrap or override file that does not validate. */
  | "config"
  /** A workspace part that is missing, unreadable or not writable. */
  | "workspace"
  /** Missing or rejected API key. */
  | "auth"
  /** Stopped by SIGINT / SIGTERM (or an abort signal). */
  | "interrupted";

export interface ArcpPlanErrorOptions {
  /** One line telling the user how to fix it (a flag, a config key, an env var). */
  hint?: string;
  /** Extra lines, e.g. every problem found in a config file. */
  details?: readonly string[];
  /** For `interrupted`: the signal that stopped us. */
  signal?: "SIGINT" | "SIGTERM";
  cause?: unknown;
}

export class ArcpPlanError extends Error {
  readonly kind: FailureKind;
  readonly hint: string | undefined;
  readonly details: readonly string[];
  readonly signal: "SIGINT" | "SIGTERM" | undefined;

  constructor(kind: FailureKind, message: string, options: ArcpPlanErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ArcpPlanError";
    this.kind = kind;
    this.hint = options.hint;
    this.details = options.details ?? [];
    this.signal = options.signal;
  }
}

export function isArcpPlanError(value: unknown): value is ArcpPlanError {
  return value instanceof ArcpPlanError;
}
