/**
 * A model call that could not be completed: the API answered with an error after the SDK's own
 * retries, or a started stream kept failing or stalling after our whole-call retries. The pipeline
 * marks the phase failed (the run goes on and exits 1); it is not a user error (`ArcpPlanError`),
 * which is reserved for what the user must fix, like a missing key.
 */
export type ModelCallFailure =
  /** An HTTP error status from the API (after the SDK's retries for 408/409/429/5xx). */
  | "http"
  /** No response at all: connection refused, DNS, SDK timeout (after the SDK's retries). */
  | "connection"
  /** A started stream sent an `error` event, was cut off, or ended without `message_stop`. */
  | "stream"
  /** A started stream sent nothing for longer than the idle timeout. */
  | "stall"
  /** Not sent: the prompt plus `max_tokens` would not fit the model's context window. */
  | "too-large";

export interface ModelCallErrorDetails {
  phaseId: string;
  failure: ModelCallFailure;
  /** Whole-call attempts made (1 + stream retries used; 0 when the call was not sent). */
  attempts: number;
  status?: number;
  requestId?: string;
  cause?: unknown;
}

export class ModelCallError extends Error {
  readonly phaseId: string;
  readonly failure: ModelCallFailure;
  readonly attempts: number;
  readonly status: number | undefined;
  readonly requestId: string | undefined;

  constructor(message: string, details: ModelCallErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "ModelCallError";
    this.phaseId = details.phaseId;
    this.failure = details.failure;
    this.attempts = details.attempts;
    this.status = details.status;
    this.requestId = details.requestId;
  }
}

export function isModelCallError(value: unknown): value is ModelCallError {
  return value instanceof ModelCallError;
}
