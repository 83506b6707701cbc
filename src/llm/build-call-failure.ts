import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import { API_KEY_ENV, AUTH_TOKEN_ENV } from "./api-key.js";
import { ModelCallError, type ModelCallFailure } from "./model-call-error.js";

/** What the adapter knows about a call that failed for good, already out of SDK vocabulary. */
export interface FailedCall {
  failure: ModelCallFailure;
  /** One line: "HTTP 529 overloaded_error: Overloaded", "the stream sent nothing for 60000 ms". */
  reason: string;
  status: number | undefined;
  requestId: string | undefined;
  error: unknown;
}

/** A rejected key is the user's to fix (`auth`); anything else fails the phase with its cause. */
export function buildCallFailure(phaseId: string, call: FailedCall, attempts: number): Error {
  const request = call.requestId === undefined ? "" : `, request ${call.requestId}`;
  if (call.status === 401 || call.status === 403) {
    return new ArcpPlanError(
      "auth",
      `phase ${phaseId}: the Anthropic API rejected the API key (${call.reason}${request})`,
      {
        hint: `Check ${API_KEY_ENV} (or ${AUTH_TOKEN_ENV} when no key is set): it must be valid, with access to the configured model.`,
      },
    );
  }
  const tries = attempts > 1 ? `, after ${attempts} attempts` : "";
  const what: Record<ModelCallFailure, string> = {
    http: "the API returned an error",
    connection: "could not reach the API",
    stream: "the response stream failed",
    stall: "the response stream stalled",
    "too-large": "the prompt does not fit the context window",
  };
  return new ModelCallError(
    `phase ${phaseId}: model call failed: ${what[call.failure]}: ${call.reason}${request}${tries}`,
    {
      phaseId,
      failure: call.failure,
      attempts,
      status: call.status,
      requestId: call.requestId,
      cause: call.error,
    },
  );
}
