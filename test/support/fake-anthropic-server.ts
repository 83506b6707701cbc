/**
 * A fake Anthropic Messages API on loopback, for tests and benchmarks. Drive it through the real SDK
 * (`baseURL: server.url`); it is a test helper, not a mock of our own code.
 *
 * ```ts
 * const server = await startFakeAnthropicServer({ latency: { betweenEventsMs: 0 } });
 * server.script("01-protocol-delta", reply.toolCall("read_file", { path: "README.md" }), "# Plan\n...");
 * server.script("02-current-audit", fault.rateLimited(), "# Audit\n...");   // 429 first, then the answer
 * server.setResponder((req) => (isRepairTurn(req) ? "# Fixed\n" : "# Draft\n"));
 * // ... run the code under test with ANTHROPIC_BASE_URL=server.url ...
 * expect(server.requestsFor("02-current-audit")).toHaveLength(2);
 * await server.close();
 * ```
 *
 * Choosing a reply: requests are keyed by the `x-arcp-plan-phase` header. Each phase has a queue
 * (`script(phaseId, ...)`); when it is empty the `"*"` queue is used, then the responder function
 * (`setResponder`), and with none of those the server answers 400 "no scripted reply" (the SDK does
 * not retry 400, so a missing script fails fast and says which phase). Every HTTP attempt takes one
 * reply, so `script(p, fault.rateLimited(), "ok")` means: the 429, then the SDK's retry gets "ok".
 *
 * Replies (`fake-anthropic/fake-reply.ts`): text, tool calls (`reply.toolCall(s)`), an explicit stop
 * reason, latency (time to first event, pacing between events) and faults (`fault.rateLimited`,
 * `overloaded` (529), `serverError` (500), `unauthorized` (401), `errorEvent` (SSE `error` mid-stream),
 * `stall` (silence until the client gives up), `drop` (socket destroyed), `truncate` (ends without
 * `message_stop`)). Content longer than the request's `max_tokens` is cut with stop reason `max_tokens`.
 *
 * Both `stream: true` (SSE with the real event sequence) and non-streaming requests are served.
 * `usage` simulates prompt caching from the request's `cache_control` breakpoints
 * (`fake-anthropic/prompt-cache.ts`); tokens are characters / 4.
 *
 * The log (`requests`) records every request: headers (the `x-api-key` / `authorization` values are
 * never stored, only `apiKeyPresent`), parsed body, phase id, arrival / first event / end times in ms
 * since the server started, HTTP status, outcome, request id and the usage sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { buildReplyEvents, type SseEvent } from "./fake-anthropic/build-reply-events.js";
import {
  errorTypeForStatus,
  type FakeReply,
  type FakeReplySpec,
  type Latency,
  normalizeReply,
} from "./fake-anthropic/fake-reply.js";
import { type CacheUsage, PromptCacheSimulator } from "./fake-anthropic/prompt-cache.js";
import { carriesKey, headerValue, loggableHeaders, readBody } from "./fake-anthropic/read-request.js";

export type { FakeBlock, FakeReply, FakeReplySpec, Fault, Latency } from "./fake-anthropic/fake-reply.js";
export { fault, reply } from "./fake-anthropic/fake-reply.js";

export const PHASE_HEADER = "x-arcp-plan-phase";

export interface FakeAnthropicServerOptions {
  /** Default latency of every reply (a reply's own `latency` wins). Default: none. */
  latency?: Latency;
  /** When set, requests without exactly this key get 401. Compared, never stored. */
  expectedApiKey?: string;
  /** Prefixes shorter than this are not cached (the real minimum is 1024+ tokens). Default 0. */
  minCacheableTokens?: number;
  /** Characters per `text_delta` / `input_json_delta`. Default 40. */
  chunkChars?: number;
}

export interface FakeRequestBody {
  model: string;
  max_tokens: number;
  stream?: boolean;
  system?: string | { type: string; text: string; cache_control?: unknown }[];
  messages: { role: string; content: string | Record<string, unknown>[] }[];
  tools?: { name: string; description?: string; input_schema: unknown; cache_control?: unknown }[];
  [key: string]: unknown;
}

export type RequestOutcome =
  | "ok"
  | "no-script"
  | "bad-request"
  | "unauthorized"
  | "fault:http"
  | "fault:error-event"
  | "fault:stall"
  | "fault:drop"
  | "fault:truncate"
  /** The client closed the connection before the reply was complete (abort, idle watchdog). */
  | "client-closed";

export interface RecordedRequest {
  index: number;
  method: string;
  path: string;
  phaseId: string | undefined;
  /** Lower-case names; `x-api-key` and `authorization` are left out (see `apiKeyPresent`). */
  headers: Record<string, string>;
  apiKeyPresent: boolean;
  body: FakeRequestBody;
  stream: boolean;
  requestId: string;
  /** Milliseconds since the server started. */
  arrivedAtMs: number;
  firstEventAtMs?: number;
  endedAtMs?: number;
  status?: number;
  outcome?: RequestOutcome;
  usage?: CacheUsage & { output_tokens: number };
}

export type Responder = (request: RecordedRequest) => FakeReplySpec | Promise<FakeReplySpec>;

export interface FakeAnthropicServer {
  /** Base URL for the SDK (`baseURL` / `ANTHROPIC_BASE_URL`). */
  url: string;
  requests: RecordedRequest[];
  requestsFor(phaseId: string): RecordedRequest[];
  /** Appends replies to a phase's queue; `"*"` is the queue for any phase. */
  script(phaseId: string, ...replies: FakeReplySpec[]): void;
  setResponder(responder: Responder | undefined): void;
  /** Replies still queued, by phase. */
  pending(): Record<string, number>;
  /** Forgets the log, the queues, the responder and the cache. */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeAnthropicServer(
  options: FakeAnthropicServerOptions = {},
): Promise<FakeAnthropicServer> {
  const started = performance.now();
  const now = () => Math.round((performance.now() - started) * 1000) / 1000;
  const queues = new Map<string, FakeReply[]>();
  const cache = new PromptCacheSimulator(options.minCacheableTokens ?? 0);
  const requests: RecordedRequest[] = [];
  let responder: Responder | undefined;
  let counter = 0;
  let toolCounter = 0;

  const takeReply = async (record: RecordedRequest): Promise<FakeReply | undefined> => {
    for (const key of [record.phaseId ?? "", "*"]) {
      const next = queues.get(key)?.shift();
      if (next) return next;
    }
    return responder ? normalizeReply(await responder(record)) : undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const arrivedAtMs = now();
    const raw = await readBody(req);
    const index = requests.length;
    const requestId = `req_fake_${String(++counter).padStart(6, "0")}`;
    const record: RecordedRequest = {
      index,
      method: req.method ?? "",
      path: req.url ?? "",
      phaseId: headerValue(req, PHASE_HEADER),
      headers: loggableHeaders(req),
      apiKeyPresent: req.headers["x-api-key"] !== undefined || req.headers.authorization !== undefined,
      body: { model: "", max_tokens: 0, messages: [] },
      stream: false,
      requestId,
      arrivedAtMs,
    };
    requests.push(record);
    const finish = (status: number, outcome: RequestOutcome) => {
      record.status = status;
      record.outcome = outcome;
      record.endedAtMs = now();
    };
    const sendError = (
      status: number,
      outcome: RequestOutcome,
      message: string,
      extra: Record<string, string> = {},
    ) => {
      finish(status, outcome);
      const type = errorTypeForStatus(status);
      res.writeHead(status, { "content-type": "application/json", "request-id": requestId, ...extra });
      res.end(JSON.stringify({ type: "error", error: { type, message }, request_id: requestId }));
    };

    if (req.method !== "POST" || !(req.url ?? "").startsWith("/v1/messages")) {
      return sendError(404, "bad-request", `fake server: no route for ${req.method} ${req.url}`);
    }
    try {
      record.body = JSON.parse(raw) as FakeRequestBody;
    } catch {
      return sendError(400, "bad-request", "fake server: the body is not JSON");
    }
    record.stream = record.body.stream === true;
    if (options.expectedApiKey !== undefined && !carriesKey(req, options.expectedApiKey)) {
      return sendError(401, "unauthorized", "invalid x-api-key");
    }
    const chosen = await takeReply(record);
    if (!chosen) {
      return sendError(
        400,
        "no-script",
        `fake server: no scripted reply for phase "${record.phaseId ?? "(no header)"}"`,
      );
    }
    const f = chosen.fault;
    if (f?.kind === "http") {
      const extra: Record<string, string> = {};
      if (f.retryAfterSeconds !== undefined) extra["retry-after"] = String(f.retryAfterSeconds);
      return sendError(f.status, "fault:http", f.message ?? `fake ${errorTypeForStatus(f.status)}`, extra);
    }

    const plan = cache.plan(record.body);
    const built = buildReplyEvents(
      chosen,
      { model: record.body.model, maxTokens: record.body.max_tokens },
      {
        messageId: `msg_fake_${String(counter).padStart(6, "0")}`,
        nextToolId: () => `toolu_fake_${++toolCounter}`,
      },
      plan.usage,
      options.chunkChars ?? 40,
    );
    record.usage = { ...plan.usage, output_tokens: built.message.usage.output_tokens as number };
    const latency = { ...options.latency, ...chosen.latency };
    let closed = false;
    // Aborted when the client goes away, so a long pause (latency, stall) ends at once and the log
    // shows `client-closed` promptly instead of after the pause.
    const closing = new AbortController();
    const closedPromise = new Promise<void>((resolve) => {
      res.on("close", () => {
        closed = true;
        closing.abort();
        resolve();
      });
    });
    const pause = (ms: number | undefined) => pauseUnlessClosed(ms, closing.signal);

    if (!record.stream) {
      await pause((latency.firstEventMs ?? 0) + (latency.contentAfterMs ?? 0));
      if (closed) return finish(0, "client-closed");
      cache.commit(plan);
      record.firstEventAtMs = now();
      if (f?.kind === "drop") {
        finish(0, "fault:drop");
        return void res.socket?.destroy();
      }
      finish(200, "ok");
      res.writeHead(200, { "content-type": "application/json", "request-id": requestId });
      return void res.end(JSON.stringify(built.message));
    }

    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
      "request-id": requestId,
    });
    res.flushHeaders();
    const limit = f === undefined ? Number.POSITIVE_INFINITY : (f.afterEvents ?? 3);
    for (const [i, event] of built.events.entries()) {
      if (i === 0) await pause(latency.firstEventMs);
      else await pause((latency.betweenEventsMs ?? 0) + (i === 1 ? (latency.contentAfterMs ?? 0) : 0));
      if (closed) return finish(200, "client-closed");
      if (i >= limit && f !== undefined) {
        if (f.kind === "error-event") {
          const error = { type: f.errorType ?? "overloaded_error", message: f.message ?? "Overloaded" };
          writeEvent(res, { event: "error", data: { type: "error", error, request_id: requestId } });
          finish(200, "fault:error-event");
          return void res.end();
        }
        if (f.kind === "stall") {
          await closedPromise;
          return finish(200, "fault:stall");
        }
        if (f.kind === "drop") {
          finish(200, "fault:drop");
          return void res.socket?.destroy();
        }
        finish(200, "fault:truncate");
        return void res.end();
      }
      if (i === 0) {
        cache.commit(plan);
        record.firstEventAtMs = now();
      }
      writeEvent(res, event);
    }
    finish(200, "ok");
    res.end();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          type: "error",
          error: { type: "api_error", message: `fake server bug: ${String(error)}` },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsFor: (phaseId) => requests.filter((r) => r.phaseId === phaseId),
    script(phaseId, ...replies) {
      const queue = queues.get(phaseId) ?? [];
      queue.push(...replies.map(normalizeReply));
      queues.set(phaseId, queue);
    },
    setResponder(fn) {
      responder = fn;
    },
    pending: () =>
      Object.fromEntries([...queues].filter(([, q]) => q.length > 0).map(([k, q]) => [k, q.length])),
    reset() {
      requests.length = 0;
      queues.clear();
      responder = undefined;
      cache.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Zero means no timer at all, so unpaced replies stream as fast as the socket allows. */
async function pauseUnlessClosed(ms: number | undefined, closed: AbortSignal): Promise<void> {
  if (ms === undefined || ms <= 0 || closed.aborted) return;
  await sleep(ms, undefined, { signal: closed }).catch(() => undefined);
}

function writeEvent(res: ServerResponse, event: SseEvent): void {
  res.write(`event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
}
