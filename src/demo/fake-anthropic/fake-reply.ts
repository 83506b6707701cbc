/**
 * What the fake server answers, as plain data, plus small builders (`reply`, `fault`) that keep
 * scripts short. See `fake-anthropic-server.ts` for how replies are chosen.
 */
export interface Latency {
  /** Delay between the response headers and `message_start` (time to first event). */
  firstEventMs?: number;
  /** Delay between consecutive SSE events. */
  betweenEventsMs?: number;
  /**
   * Extra delay between `message_start` and the first content event: the model at work after the
   * prompt is read (the cache entry is usable from `message_start` on).
   */
  contentAfterMs?: number;
  /**
   * Sends a `ping` event every this many ms during any pause after `message_start` (as the API does
   * while the model thinks), so a quiet but live stream has bytes on the wire. Default: no pings
   * besides the one after `message_start`.
   */
  pingIntervalMs?: number;
}

export type FakeBlock =
  | { type: "text"; text: string }
  /** `id` defaults to a generated `toolu_fake_...`. */
  | { type: "tool_use"; name: string; input: unknown; id?: string };

export type Fault =
  /** An HTTP error before any event: 429, 529, 500, 401... The SDK retries 408/409/429/5xx. */
  | { kind: "http"; status: number; errorType?: string; message?: string; retryAfterSeconds?: number }
  /** An SSE `error` event after `afterEvents` events, then the response ends. */
  | { kind: "error-event"; afterEvents?: number; errorType?: string; message?: string }
  /** Sends `afterEvents` events, then nothing until the client gives up. */
  | { kind: "stall"; afterEvents?: number }
  /** Sends `afterEvents` events, then destroys the socket. */
  | { kind: "drop"; afterEvents?: number }
  /** Sends `afterEvents` events, then ends the response cleanly without `message_stop`. */
  | { kind: "truncate"; afterEvents?: number };

export type StopReasonName =
  | "end_turn"
  | "tool_use"
  | "max_tokens"
  | "stop_sequence"
  | "refusal"
  | "pause_turn"
  | "model_context_window_exceeded";

export interface FakeReply {
  /** A string is one text block. */
  content?: FakeBlock[] | string;
  /** Default: `tool_use` when a tool_use block is present, else `end_turn`; `max_tokens` when the
   * request's `max_tokens` is smaller than the content (which is then cut, as the API does), and
   * `model_context_window_exceeded` when the context window is what cut it. */
  stopReason?: StopReasonName;
  /** With stop reason `refusal`: the `stop_details` the API sends. */
  refusal?: { category: string | null; explanation: string | null };
  /**
   * What the model thinks when the request has thinking on (ignored otherwise). Default: the text
   * before the first tool call (today's models put text between tool calls in their thinking), else a
   * short generated note. `{ redacted: true }` sends one `redacted_thinking` block instead.
   */
  thinking?: string | { redacted: true };
  /** Default: output characters / 4, thinking included. */
  outputTokens?: number;
  /** Overrides the server-wide latency for this reply. */
  latency?: Latency;
  fault?: Fault;
  /** Default: the request's model. */
  model?: string;
}

/** A bare string is shorthand for `{ content: string }`. */
export type FakeReplySpec = FakeReply | string;

export const reply = {
  text(text: string, extra: Omit<FakeReply, "content"> = {}): FakeReply {
    return { ...extra, content: text };
  },
  /** One assistant turn calling one or more tools, with an optional preamble text. */
  toolCalls(calls: { name: string; input: unknown; id?: string }[], preamble?: string): FakeReply {
    const blocks: FakeBlock[] = preamble === undefined ? [] : [{ type: "text", text: preamble }];
    for (const call of calls) blocks.push({ type: "tool_use", ...call });
    return { content: blocks };
  },
  toolCall(name: string, input: unknown, preamble?: string): FakeReply {
    return reply.toolCalls([{ name, input }], preamble);
  },
  /** The model declines: stop reason `refusal` with its `stop_details`, after any partial text. */
  refusal(category: string | null, explanation: string | null, partial = ""): FakeReply {
    return { content: partial, stopReason: "refusal", refusal: { category, explanation } };
  },
  /** A long turn the API paused (`pause_turn`); the client sends the conversation back to continue it. */
  pauseTurn(partial: string): FakeReply {
    return { content: partial, stopReason: "pause_turn" };
  },
};

/** Small `retry-after` values keep tests fast; the SDK honours the header (fractions included). */
export const fault = {
  rateLimited(retryAfterSeconds = 0.01): FakeReply {
    return { fault: { kind: "http", status: 429, retryAfterSeconds } };
  },
  overloaded(retryAfterSeconds: number | undefined = 0.01): FakeReply {
    return { fault: { kind: "http", status: 529, retryAfterSeconds } };
  },
  serverError(retryAfterSeconds: number | undefined = 0.01): FakeReply {
    return { fault: { kind: "http", status: 500, retryAfterSeconds } };
  },
  unauthorized(): FakeReply {
    return { fault: { kind: "http", status: 401 } };
  },
  http(status: number, retryAfterSeconds?: number): FakeReply {
    return { fault: { kind: "http", status, retryAfterSeconds } };
  },
  errorEvent(afterEvents = 3, errorType = "overloaded_error"): FakeReply {
    return { content: "partial", fault: { kind: "error-event", afterEvents, errorType } };
  },
  stall(afterEvents = 3): FakeReply {
    return { content: "partial", fault: { kind: "stall", afterEvents } };
  },
  drop(afterEvents = 3): FakeReply {
    return { content: "partial", fault: { kind: "drop", afterEvents } };
  },
  truncate(afterEvents = 3): FakeReply {
    return { content: "partial", fault: { kind: "truncate", afterEvents } };
  },
};

export function normalizeReply(spec: FakeReplySpec): FakeReply {
  return typeof spec === "string" ? { content: spec } : spec;
}

const HTTP_ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

export function errorTypeForStatus(status: number): string {
  return HTTP_ERROR_TYPES[status] ?? "api_error";
}
