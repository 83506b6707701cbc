/**
 * The Anthropic adapter: the only module that imports `@anthropic-ai/sdk`. It streams every call,
 * maps the SDK's vocabulary to ours (`map-api-message.ts`), and adds what the SDK lacks: a check of
 * the prompt against the context window before sending, an idle watchdog that counts every byte on
 * the wire (pings included: the SDK swallows them), and a bounded, backed-off retry of the whole call
 * when a started stream errors or stalls. HTTP errors (408/409/429/5xx) are left to the SDK's retries.
 */
import { Console } from "node:console";
import Anthropic, { APIError, type Middleware } from "@anthropic-ai/sdk";
import type {
  Message as ApiMessage,
  MessageStreamParams,
} from "@anthropic-ai/sdk/resources/messages/messages";
import { ArcpPlanError, isArcpPlanError } from "../errors/arcp-plan-error.js";
import { type Environment, requireCredentials, resolveBaseUrl } from "./api-key.js";
import { buildCallFailure } from "./build-call-failure.js";
import { buildMessagesRequest, type WireMessagesRequest } from "./build-messages-request.js";
import { checkPromptSize } from "./check-prompt-size.js";
import { IdleWatchdog } from "./idle-watchdog.js";
import { type ApiMessageShape, mapMessage, mapUsage, mergeDeltaUsage } from "./map-api-message.js";
import type { LanguageModel, ModelRequest, ModelResponse } from "./model.js";
import type { ModelCallFailure } from "./model-call-error.js";
import { type BackoffSettings, DEFAULT_BACKOFF, retryDelayMs, waitUnlessAborted } from "./retry-delay.js";
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
  /** A started stream that sends no byte for this long is abandoned and retried (`model.idleTimeoutMs`). */
  idleTimeoutMs?: number;
  /** Whole-call retries after a started stream errors or stalls (`model.streamRetries`). */
  streamRetries?: number;
  /** Waits before those retries (`model.streamRetryDelayMs` sets the base). */
  backoff?: BackoffSettings;
  defaultHeaders?: Record<string, string>;
}

export function createAnthropicModel(options: AnthropicModelOptions): LanguageModel {
  let client: Anthropic | undefined;
  const settings: RetrySettings = {
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    streamRetries: options.streamRetries ?? DEFAULT_STREAM_RETRIES,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
  };
  return {
    async complete(request) {
      client ??= createClient(options, request.phaseId);
      const sdk = client;
      const body = buildMessagesRequest(request);
      if (request.contextWindow !== undefined) {
        await checkPromptSize(request.phaseId, body, request.contextWindow, (b) =>
          countTokens(sdk, b, request),
        );
      }
      return completeWithRetries(sdk, body, request, settings);
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
  backoff: BackoffSettings;
}

/** The token-counting endpoint, for a prompt the estimate says may not fit; undefined if it fails. */
async function countTokens(
  client: Anthropic,
  body: WireMessagesRequest,
  request: ModelRequest,
): Promise<number | undefined> {
  const { max_tokens: _ignored, ...params } = body;
  try {
    const counted = await client.messages.countTokens(params, {
      headers: { [PHASE_HEADER]: request.phaseId },
      signal: request.signal ?? null,
    });
    return counted.input_tokens;
  } catch {
    throwIfAborted(request);
    return undefined;
  }
}

async function completeWithRetries(
  client: Anthropic,
  body: WireMessagesRequest,
  request: ModelRequest,
  settings: RetrySettings,
): Promise<ModelResponse> {
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
        const message: ApiMessageShape = outcome.message;
        return mapMessage(message, {
          billed: addUsage(mapUsage(message.usage), abandoned),
          requestId: outcome.requestId,
          durationMs: performance.now() - started,
          attempts: attempt,
        });
      }
      abandoned = addUsage(abandoned, outcome.partialUsage);
      throwIfAborted(request, outcome.error);
      if (!outcome.retryable || attempt > settings.streamRetries) {
        throw buildCallFailure(request.phaseId, outcome, attempt);
      }
      const delayMs = retryDelayMs(attempt, settings.backoff, Math.random());
      request.onStreamEvent?.({ type: "retry", attempt: attempt + 1, reason: outcome.reason, delayMs });
      await waitUnlessAborted(delayMs, request.signal).catch((error: unknown) => {
        throwIfAborted(request, error);
        throw error;
      });
      await request.beforeRetry?.(abandoned);
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

/**
 * Hands every chunk of a successful response's body to `onBytes` as it arrives. The watchdog listens
 * here rather than to the SDK's events, which skip `ping`: a model thinking quietly sends only pings.
 * Error bodies are left alone, so the SDK's own wait before retrying a 429 is not taken for silence.
 */
function observeBytes(onBytes: () => void): Middleware {
  return async (request, next) => {
    const response = await next(request);
    if (!response.ok || !response.body) return response;
    const tap = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        onBytes();
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(tap), response);
  };
}

/** One HTTP call (with the SDK's own retries inside), watched for silence once the stream has started. */
async function streamOnce(
  client: Anthropic,
  body: WireMessagesRequest,
  request: ModelRequest,
  idleTimeoutMs: number,
  onFirstEvent: () => void,
): Promise<StreamOutcome> {
  const params: MessageStreamParams = body;
  let watchdog: IdleWatchdog | undefined;
  const stream = client.messages.stream(params, {
    headers: { [PHASE_HEADER]: request.phaseId },
    signal: request.signal ?? null,
    middleware: [observeBytes(() => watchdog?.kick())],
  });
  watchdog = new IdleWatchdog(idleTimeoutMs, () => stream.abort());
  const dog = watchdog;
  let connected = false;
  let sawStop = false;
  let partialUsage: Usage = { ...ZERO_USAGE };
  stream.on("connect", () => {
    connected = true;
    dog.kick();
  });
  stream.on("streamEvent", (event) => {
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
    const failed = { error, status, requestId, partialUsage };
    if (dog.fired) {
      const reason = `the stream sent nothing for ${idleTimeoutMs} ms`;
      return { ok: false, failure: "stall", retryable: true, reason, ...failed };
    }
    const reason = describeError(error);
    if (connected) return { ok: false, failure: "stream", retryable: true, reason, ...failed };
    const failure = status === undefined ? "connection" : "http";
    return { ok: false, failure, retryable: false, reason, ...failed };
  } finally {
    dog.stop();
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
