/**
 * The Anthropic adapter: the only module that imports `@anthropic-ai/sdk`. It streams every call,
 * maps the SDK's vocabulary to ours (`model.ts`, `usage.ts`), and adds what the SDK lacks:
 * an idle watchdog for streams that stop sending, and a bounded retry of the whole call when a
 * started stream errors or stalls. HTTP errors (408/409/429/5xx) are left to the SDK's retries.
 */
import { Console } from "node:console";
import Anthropic, { APIError } from "@anthropic-ai/sdk";
import type {
  ContentBlock as ApiContentBlock,
  Message as ApiMessage,
  Usage as ApiUsage,
  MessageDeltaUsage,
  MessageStreamParams,
} from "@anthropic-ai/sdk/resources/messages/messages";
import { ArcpPlanError, isArcpPlanError } from "../errors/arcp-plan-error.js";
import { type Environment, requireCredentials, resolveBaseUrl } from "./api-key.js";
import { buildCallFailure } from "./build-call-failure.js";
import { buildMessagesRequest } from "./build-messages-request.js";
import { IdleWatchdog } from "./idle-watchdog.js";
import type {
  LanguageModel,
  ModelRequest,
  ModelResponse,
  StopReason,
  TextBlock,
  ToolUseBlock,
} from "./model.js";
import type { ModelCallFailure } from "./model-call-error.js";
import { addUsage, type Usage, ZERO_USAGE } from "./usage.js";

/** Sent on every request so logs and proxies can tell phases apart. */
export const PHASE_HEADER = "x-arcp-plan-phase";
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
export const DEFAULT_STREAM_RETRIES = 2;
export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_TIMEOUT_MS = 10 * 60_000;

export interface AnthropicModelOptions {
  /** Wins over `ANTHROPIC_API_KEY` in `env`. Never logged or stored beyond the SDK client. */
  apiKey?: string;
  /** Wins over `ANTHROPIC_BASE_URL` in `env`. */
  baseURL?: string;
  /** Read at the first call, not before: commands that never call the model need no key. */
  env: Environment;
  /** SDK timeout per HTTP attempt until response headers arrive (`model.timeoutMs`). */
  timeoutMs?: number;
  /** SDK retries for 408/409/429/5xx and connection errors (`model.maxRetries`). */
  maxRetries?: number;
  /** A started stream silent this long is abandoned and retried (`model.idleTimeoutMs`). */
  idleTimeoutMs?: number;
  /** Whole-call retries after a started stream errors or stalls (`model.streamRetries`). */
  streamRetries?: number;
  defaultHeaders?: Record<string, string>;
}

export function createAnthropicModel(options: AnthropicModelOptions): LanguageModel {
  let client: Anthropic | undefined;
  const settings = {
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    streamRetries: options.streamRetries ?? DEFAULT_STREAM_RETRIES,
  };
  return {
    async complete(request) {
      client ??= createClient(options, request.phaseId);
      return completeWithRetries(client, request, settings);
    },
  };
}

function createClient(options: AnthropicModelOptions, phaseId: string): Anthropic {
  const credentials = requireCredentials(options.env, options.apiKey, phaseId);
  const logLevel = options.env.ANTHROPIC_LOG;
  return new Anthropic({
    // Both given explicitly (one of them null) so the SDK never reads process.env or credential files.
    apiKey: "apiKey" in credentials ? credentials.apiKey : null,
    authToken: "authToken" in credentials ? credentials.authToken : null,
    // Passed explicitly so the SDK never falls back to process.env or credential files behind our back.
    baseURL: resolveBaseUrl(options.env, options.baseURL) ?? "https://api.anthropic.com",
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    defaultHeaders: options.defaultHeaders,
    // The SDK redacts auth headers in its own logs; its lines go to stderr so stdout stays ours.
    logger: new Console(process.stderr),
    logLevel:
      logLevel === "debug" || logLevel === "info" || logLevel === "warn" || logLevel === "error"
        ? logLevel
        : "off",
  });
}

interface RetrySettings {
  idleTimeoutMs: number;
  streamRetries: number;
}

async function completeWithRetries(
  client: Anthropic,
  request: ModelRequest,
  settings: RetrySettings,
): Promise<ModelResponse> {
  const body = buildMessagesRequest(request);
  const started = performance.now();
  let abandoned: Usage = { ...ZERO_USAGE };
  let firstEventSent = false;
  const onFirstEvent = () => {
    if (firstEventSent) return;
    firstEventSent = true;
    request.onStreamEvent?.({ type: "first-event" });
  };
  try {
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(request);
      const outcome = await streamOnce(client, body, request, settings.idleTimeoutMs, onFirstEvent);
      if (outcome.ok) {
        return buildResponse(outcome.message, outcome.requestId, {
          durationMs: performance.now() - started,
          attempts: attempt,
          abandoned,
        });
      }
      abandoned = addUsage(abandoned, outcome.partialUsage);
      throwIfAborted(request, outcome.error);
      if (!outcome.retryable || attempt > settings.streamRetries) {
        throw buildCallFailure(request.phaseId, outcome, attempt);
      }
      request.onStreamEvent?.({ type: "retry", attempt: attempt + 1, reason: outcome.reason });
    }
  } catch (error) {
    // Started streams are billed whether or not an answer came: the caller still counts them.
    if (hasTokens(abandoned)) request.onUnansweredUsage?.(abandoned);
    throw error;
  }
}

function hasTokens(usage: Usage): boolean {
  return usage.inputTokens + usage.cacheWriteTokens + usage.cacheReadTokens + usage.outputTokens > 0;
}

type StreamOutcome =
  | { ok: true; message: ApiMessage; requestId: string | undefined }
  | {
      ok: false;
      failure: ModelCallFailure;
      retryable: boolean;
      reason: string;
      error: unknown;
      status: number | undefined;
      requestId: string | undefined;
      partialUsage: Usage;
    };

/** One HTTP call (with the SDK's own retries inside), watched for silence once the stream has started. */
async function streamOnce(
  client: Anthropic,
  body: ReturnType<typeof buildMessagesRequest>,
  request: ModelRequest,
  idleTimeoutMs: number,
  onFirstEvent: () => void,
): Promise<StreamOutcome> {
  const params: MessageStreamParams = body;
  const stream = client.messages.stream(params, {
    headers: { [PHASE_HEADER]: request.phaseId },
    signal: request.signal ?? null,
  });
  const watchdog = new IdleWatchdog(idleTimeoutMs, () => stream.abort());
  let connected = false;
  let sawStop = false;
  let partialUsage: Usage = { ...ZERO_USAGE };
  stream.on("connect", () => {
    connected = true;
    watchdog.kick();
  });
  stream.on("streamEvent", (event) => {
    watchdog.kick();
    if (event.type === "message_start") {
      partialUsage = mapUsage(event.message.usage);
      onFirstEvent();
    } else if (event.type === "message_delta") {
      partialUsage = mergeDeltaUsage(partialUsage, event.usage);
    } else if (event.type === "message_stop") {
      sawStop = true;
    }
  });
  stream.on("text", (delta) => request.onStreamEvent?.({ type: "text", chars: delta.length }));
  try {
    const message = await stream.finalMessage();
    if (!sawStop) throw new Error("the stream ended before message_stop");
    return { ok: true, message, requestId: stream.request_id ?? undefined };
  } catch (error) {
    const requestId = stream.request_id ?? (error instanceof APIError ? error.requestID : null) ?? undefined;
    const status = error instanceof APIError ? error.status : undefined;
    if (watchdog.fired) {
      const reason = `the stream sent nothing for ${idleTimeoutMs} ms`;
      return { ok: false, failure: "stall", retryable: true, reason, error, status, requestId, partialUsage };
    }
    const reason = describeError(error);
    if (connected) {
      return {
        ok: false,
        failure: "stream",
        retryable: true,
        reason,
        error,
        status,
        requestId,
        partialUsage,
      };
    }
    const failure = status === undefined ? "connection" : "http";
    return { ok: false, failure, retryable: false, reason, error, status, requestId, partialUsage };
  } finally {
    watchdog.stop();
  }
}

function throwIfAborted(request: ModelRequest, cause?: unknown): void {
  const signal = request.signal;
  if (!signal?.aborted) return;
  if (isArcpPlanError(signal.reason)) throw signal.reason;
  throw new ArcpPlanError("interrupted", `phase ${request.phaseId}: model call aborted`, { cause });
}

function describeError(error: unknown): string {
  if (error instanceof APIError) {
    const status = error.status === undefined ? "" : `HTTP ${error.status} `;
    const type = error.type ?? "";
    const message = error.apiMessage ?? error.message;
    return `${status}${type}${type === "" ? "" : ": "}${message}`.trim();
  }
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}

const STOP_REASONS: ReadonlySet<string> = new Set<StopReason>([
  "end_turn",
  "tool_use",
  "max_tokens",
  "stop_sequence",
  "refusal",
  "pause_turn",
]);

function buildResponse(
  message: ApiMessage,
  requestId: string | undefined,
  extra: { durationMs: number; attempts: number; abandoned: Usage },
): ModelResponse {
  const raw = message.stop_reason;
  const response: ModelResponse = {
    content: message.content.flatMap(mapContentBlock),
    stopReason: raw !== null && STOP_REASONS.has(raw) ? (raw as StopReason) : "other",
    rawStopReason: raw,
    usage: addUsage(mapUsage(message.usage), extra.abandoned),
    model: message.model,
    durationMs: extra.durationMs,
    attempts: extra.attempts,
  };
  if (requestId !== undefined) response.requestId = requestId;
  return response;
}

/** Thinking and server-tool blocks are not part of our vocabulary; the phases use neither. */
function mapContentBlock(block: ApiContentBlock): (TextBlock | ToolUseBlock)[] {
  if (block.type === "text") return [{ type: "text", text: block.text }];
  if (block.type === "tool_use")
    return [{ type: "tool_use", id: block.id, name: block.name, input: block.input }];
  return [];
}

function mapUsage(usage: ApiUsage): Usage {
  return {
    inputTokens: usage.input_tokens,
    cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
    outputTokens: usage.output_tokens,
  };
}

/** `message_delta` usage fields are cumulative totals, present only when they apply. */
function mergeDeltaUsage(usage: Usage, delta: MessageDeltaUsage): Usage {
  return {
    inputTokens: delta.input_tokens ?? usage.inputTokens,
    cacheWriteTokens: delta.cache_creation_input_tokens ?? usage.cacheWriteTokens,
    cacheReadTokens: delta.cache_read_input_tokens ?? usage.cacheReadTokens,
    outputTokens: delta.output_tokens,
  };
}
