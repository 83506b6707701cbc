/**
 * A fake Anthropic Messages API on loopback. `arcp-plan demo` serves its canned plans with it, and the
 * tests and benchmarks drive the real SDK against it (`baseURL: server.url`): it fakes the network
 * peer, not our own code, and it never forwards anything off the machine.
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
 * reason (`reply.refusal`, `reply.pauseTurn`, ...), latency (time to first event, pacing between
 * events, pings while quiet) and faults (`fault.rateLimited`, `overloaded` (529), `serverError` (500),
 * `unauthorized` (401), `errorEvent` (SSE `error` mid-stream), `stall` (silence until the client gives
 * up), `drop` (socket destroyed), `truncate` (ends without `message_stop`)).
 *
 * It behaves like today's API (`fake-anthropic/fake-models.ts`, `validate-request.ts`): per-model
 * context window and output limit (output cut at `max_tokens` or at the window, with that stop
 * reason); models that think answer with signed thinking blocks first, streamed as `thinking_delta` +
 * `signature_delta`, and a later request that drops or alters them gets the API's 400; thinking
 * settings a model rejects, forced `tool_choice` while thinking, more than four breakpoints and an
 * unknown model (404) are refused as the API refuses them. `usage` simulates prompt caching from the
 * request's `cache_control` breakpoints, with `cache_creation` split by lifetime
 * (`fake-anthropic/prompt-cache.ts`); tokens are characters / 4. `POST /v1/messages/count_tokens`
 * counts the same way. Both `stream: true` (SSE with the real event sequence) and non-streaming
 * requests are served.
 *
 * The log (`requests`) records every request: headers (the `x-api-key` / `authorization` values are
 * never stored, only `apiKeyPresent`), parsed body, phase id, arrival / first event / end times in ms
 * since the server started, HTTP status, outcome, request id and the usage sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { buildReplyEvents } from "./fake-anthropic/build-reply-events.js";
import type { FakeModel } from "./fake-anthropic/fake-models.js";
import {
  errorTypeForStatus,
  type FakeReply,
  type FakeReplySpec,
  type Latency,
} from "./fake-anthropic/fake-reply.js";
import { type CachePlan, PromptCacheSimulator } from "./fake-anthropic/prompt-cache.js";
import { carriesKey, headerValue, loggableHeaders, readBody } from "./fake-anthropic/read-request.js";
import type { FakeRequestBody, RecordedRequest, RequestOutcome } from "./fake-anthropic/recorded-request.js";
import { ReplyQueue, type Responder } from "./fake-anthropic/reply-queue.js";
import { pauseUnlessClosed, streamReply } from "./fake-anthropic/stream-reply.js";
import { conversationHash, ThinkingLedger } from "./fake-anthropic/thinking-ledger.js";
import { type AcceptedRequest, validateRequest } from "./fake-anthropic/validate-request.js";

export type { FakeModel, FakeThinking } from "./fake-anthropic/fake-models.js";
export type { FakeBlock, FakeReply, FakeReplySpec, Fault, Latency } from "./fake-anthropic/fake-reply.js";
export { fault, reply } from "./fake-anthropic/fake-reply.js";
export type { FakeRequestBody, RecordedRequest, RequestOutcome } from "./fake-anthropic/recorded-request.js";

export const PHASE_HEADER = "x-arcp-plan-phase";

export interface FakeAnthropicServerOptions {
  /** Default latency of every reply (a reply's own `latency` wins). Default: none. */
  latency?: Latency;
  /** When set, requests without exactly this key get 401. Compared, never stored. */
  expectedApiKey?: string;
  /** Prefixes shorter than this are not cached (the real minimum is 1024+ tokens). Default 0. */
  minCacheableTokens?: number;
  /** Characters per `text_delta` / `thinking_delta` / `input_json_delta`. Default 40. */
  chunkChars?: number;
  /** Models served besides today's (`fake-anthropic/fake-models.ts`), e.g. one with a tiny window. */
  models?: Record<string, FakeModel>;
}

export type { Responder } from "./fake-anthropic/reply-queue.js";

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
  const replies = new ReplyQueue();
  const cache = new PromptCacheSimulator(options.minCacheableTokens ?? 0);
  const ledger = new ThinkingLedger();
  const requests: RecordedRequest[] = [];
  let counter = 0;
  let toolCounter = 0;

  /** Generates the answer (signed thinking when the request thinks) and sends it, streamed or whole. */
  const sendReply = async (
    record: RecordedRequest,
    res: ServerResponse,
    chosen: FakeReply,
    plan: CachePlan,
    checked: AcceptedRequest,
    finish: (status: number, outcome: RequestOutcome) => void,
  ) => {
    const f = chosen.fault?.kind === "http" ? undefined : chosen.fault;
    const requestId = record.requestId;
    const model = record.body.model;
    const prefix = conversationHash(record.body.messages);
    const built = buildReplyEvents(chosen, {
      model,
      maxTokens: record.body.max_tokens,
      windowLeft: checked.model.contextWindow - plan.promptTokens,
      ...(checked.thinkingOn
        ? {
            thinking: {
              sign: (text: string) => ledger.sign(model, prefix, text),
              redactedData: () => ledger.redactedData(model, prefix),
            },
          }
        : {}),
      messageId: `msg_fake_${String(counter).padStart(6, "0")}`,
      nextToolId: () => `toolu_fake_${++toolCounter}`,
      cache: plan.usage,
      chunkChars: options.chunkChars ?? 40,
    });
    const usage = built.message.usage as {
      output_tokens: number;
      output_tokens_details: { thinking_tokens: number };
    };
    record.usage = {
      ...plan.usage,
      output_tokens: usage.output_tokens,
      thinking_tokens: usage.output_tokens_details.thinking_tokens,
    };
    record.reply = built.message.content;
    ledger.remember(built.message.content, built.thinkingBlocks);
    const latency = { ...options.latency, ...chosen.latency };

    if (!record.stream) {
      const closing = new AbortController();
      res.on("close", () => closing.abort());
      await pauseUnlessClosed((latency.firstEventMs ?? 0) + (latency.contentAfterMs ?? 0), closing.signal);
      if (closing.signal.aborted) return finish(0, "client-closed");
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
    const end = await streamReply(res, {
      events: built.events,
      latency,
      fault: f,
      requestId,
      onFirstEvent: () => {
        cache.commit(plan);
        record.firstEventAtMs = now();
      },
    });
    finish(200, end);
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
      if (outcome === "bad-request") record.error = message;
      const type = errorTypeForStatus(status);
      res.writeHead(status, { "content-type": "application/json", "request-id": requestId, ...extra });
      res.end(JSON.stringify({ type: "error", error: { type, message }, request_id: requestId }));
    };

    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "POST" || (path !== "/v1/messages" && path !== "/v1/messages/count_tokens")) {
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
    const plan = cache.plan(record.body);
    const checked = validateRequest(record.body, plan.promptTokens, options.models ?? {}, ledger);
    if ("status" in checked) return sendError(checked.status, "bad-request", checked.message);
    if (path === "/v1/messages/count_tokens") {
      finish(200, "ok");
      res.writeHead(200, { "content-type": "application/json", "request-id": requestId });
      return void res.end(JSON.stringify({ input_tokens: plan.promptTokens }));
    }
    const chosen = await replies.take(record);
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

    await sendReply(record, res, chosen, plan, checked, finish);
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
    script: (phaseId, ...scripted) => replies.script(phaseId, scripted),
    setResponder: (fn) => replies.setResponder(fn),
    pending: () => replies.pending(),
    reset() {
      requests.length = 0;
      replies.clear();
      cache.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
