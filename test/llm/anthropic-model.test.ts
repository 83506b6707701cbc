import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArcpPlanError } from "../../src/errors/arcp-plan-error.js";
import { createAnthropicModel, PHASE_HEADER } from "../../src/llm/anthropic-model.js";
import type { ModelRequest, ModelStreamEvent } from "../../src/llm/model.js";
import { ModelCallError } from "../../src/llm/model-call-error.js";
import type { Usage } from "../../src/llm/usage.js";
import {
  type FakeAnthropicServer,
  fault,
  reply,
  startFakeAnthropicServer,
} from "../support/fake-anthropic-server.js";

const KEY = "sk-ant-test-DISTINCTIVE-7f3a9c";
// Tests use a model the SDK does not flag as deprecated: it warns on stderr for claude-sonnet-4-5.

/** Whole-call retries back off from 1 s in production; tests keep the waits short. */
const FAST_BACKOFF = { baseMs: 5, maxMs: 20 };

let server: FakeAnthropicServer;
beforeEach(async () => {
  server = await startFakeAnthropicServer({ expectedApiKey: KEY });
});
afterEach(async () => {
  await server.close();
});

function model(extra: Partial<Parameters<typeof createAnthropicModel>[0]> = {}) {
  return createAnthropicModel({
    env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url },
    maxRetries: 2,
    idleTimeoutMs: 300,
    streamRetries: 2,
    backoff: FAST_BACKOFF,
    ...extra,
  });
}

function request(phaseId: string, extra: Partial<ModelRequest> = {}): ModelRequest {
  return {
    phaseId,
    model: "claude-haiku-4-5",
    maxTokens: 1000,
    system: [{ type: "text", text: "You write plans." }],
    messages: [{ role: "user", content: [{ type: "text", text: "Write the plan." }] }],
    tools: [],
    ...extra,
  };
}

describe("anthropic model against the fake server", () => {
  it("returns a plain streamed answer with usage, request id and the phase header", async () => {
    server.script("01-delta", "# Delta\n\nThe plan.\n");
    const events: ModelStreamEvent[] = [];
    const response = await model().complete(request("01-delta", { onStreamEvent: (e) => events.push(e) }));
    expect(response.content).toEqual([{ type: "text", text: "# Delta\n\nThe plan.\n" }]);
    expect(response.stopReason).toBe("end_turn");
    expect(response.attempts).toBe(1);
    expect(response.requestId).toBe(server.requests[0]!.requestId);
    expect(response.usage.outputTokens).toBeGreaterThan(0);
    expect(response.usage.inputTokens).toBeGreaterThan(0);
    expect(events[0]).toEqual({ type: "first-event" });
    expect(
      events.filter((e) => e.type === "text").reduce((n, e) => n + (e.type === "text" ? e.chars : 0), 0),
    ).toBe("# Delta\n\nThe plan.\n".length);
    const received = server.requests[0]!;
    expect(received.headers[PHASE_HEADER]).toBe("01-delta");
    expect(received.stream).toBe(true);
    expect(received.apiKeyPresent).toBe(true);
    expect(received.body).toMatchObject({
      model: "claude-haiku-4-5",
      max_tokens: 1000,
      system: [{ type: "text", text: "You write plans." }],
      messages: [{ role: "user", content: [{ type: "text", text: "Write the plan." }] }],
    });
    expect(received.body.tools).toBeUndefined();
  });

  it("marks cache breakpoints with cache_control and refuses more than four", async () => {
    server.script("03-x", "ok");
    await model().complete(
      request("03-x", {
        system: [
          { type: "text", text: "rules" },
          { type: "text", text: "bundle ".repeat(200), cacheBreakpoint: true },
        ],
      }),
    );
    const system = server.requests[0]!.body.system as { cache_control?: unknown }[];
    expect(system[0]!.cache_control).toBeUndefined();
    expect(system[1]!.cache_control).toEqual({ type: "ephemeral" });
    expect(server.requests[0]!.usage!.cache_creation_input_tokens).toBeGreaterThan(0);

    const five = Array.from({ length: 5 }, () => ({
      type: "text" as const,
      text: "x",
      cacheBreakpoint: true,
    }));
    await expect(model().complete(request("03-x", { system: five }))).rejects.toThrow(/at most 4/);
  });

  it.each([
    ["429 with retry-after", fault.rateLimited()],
    ["529 overloaded", fault.overloaded()],
    ["500", fault.serverError()],
  ])("recovers from %s through the SDK's retries", async (_name, first) => {
    server.script("02-audit", first, "recovered");
    const response = await model().complete(request("02-audit"));
    expect(response.content).toEqual([{ type: "text", text: "recovered" }]);
    expect(server.requestsFor("02-audit").map((r) => r.status)).toEqual([
      first.fault?.kind === "http" ? first.fault.status : 0,
      200,
    ]);
    expect(server.requests.every((r) => r.headers[PHASE_HEADER] === "02-audit")).toBe(true);
  });

  it.each([
    ["an error event mid-stream", fault.errorEvent(), "fault:error-event"],
    ["a stalled stream", fault.stall(), "fault:stall"],
    ["a dropped connection", fault.drop(), "fault:drop"],
    ["a stream that ends without message_stop", fault.truncate(), "fault:truncate"],
  ])("retries the whole call after %s", async (_name, first, outcome) => {
    server.script("04-x", first, "second time lucky");
    const events: ModelStreamEvent[] = [];
    const response = await model().complete(request("04-x", { onStreamEvent: (e) => events.push(e) }));
    expect(response.content).toEqual([{ type: "text", text: "second time lucky" }]);
    expect(response.attempts).toBe(2);
    expect(server.requests[0]!.outcome).toBe(outcome);
    expect(events.filter((e) => e.type === "retry")).toHaveLength(1);
    expect(events.filter((e) => e.type === "first-event")).toHaveLength(1);
  });

  it("reports a clear failure naming the phase when stream retries run out", async () => {
    server.script("05-mw", fault.stall(), fault.stall(), fault.stall());
    const error = await model({ streamRetries: 2, idleTimeoutMs: 100 })
      .complete(request("05-mw"))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as ModelCallError).failure).toBe("stall");
    expect((error as ModelCallError).attempts).toBe(3);
    expect((error as Error).message).toMatch(/^phase 05-mw: model call failed: the response stream stalled/);
    expect(server.requests).toHaveLength(3);
  });

  it("reports an HTTP error that outlives the SDK's retries, without a second retry loop", async () => {
    server.script("06-x", fault.overloaded(), fault.overloaded(), fault.overloaded(), "never reached");
    const error = await model({ maxRetries: 2 })
      .complete(request("06-x"))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as ModelCallError).status).toBe(529);
    expect((error as Error).message).toMatch(/phase 06-x: .*529 overloaded_error/);
    expect(server.requests).toHaveLength(3);
  });

  it("maps 401 to an auth error without retrying", async () => {
    server.script("07-x", fault.unauthorized(), "never reached");
    const error = await model()
      .complete(request("07-x"))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArcpPlanError);
    expect((error as ArcpPlanError).kind).toBe("auth");
    expect((error as Error).message).toContain("07-x");
    expect(server.requests).toHaveLength(1);
  });

  it("reads the key at the first call and names both ways to provide it when missing", async () => {
    const lazy = createAnthropicModel({ env: { ANTHROPIC_BASE_URL: server.url } });
    const error = await lazy.complete(request("01-delta")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArcpPlanError);
    expect((error as ArcpPlanError).kind).toBe("auth");
    expect((error as ArcpPlanError).hint).toMatch(
      /export ANTHROPIC_API_KEY=.*ANTHROPIC_API_KEY=\.\.\. arcp-plan run/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it("aborts mid-stream promptly and does not retry", async () => {
    server.script(
      "08-x",
      reply.text("x".repeat(4000), { latency: { betweenEventsMs: 20 } }),
      "never reached",
    );
    const controller = new AbortController();
    const pending = model({ idleTimeoutMs: 5000 }).complete(
      request("08-x", {
        signal: controller.signal,
        onStreamEvent: (e) => {
          if (e.type === "text") controller.abort();
        },
      }),
    );
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArcpPlanError);
    expect((error as ArcpPlanError).kind).toBe("interrupted");
    expect((error as Error).message).toContain("08-x");
    await new Promise((r) => setTimeout(r, 50));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.outcome).toBe("client-closed");
  });

  it("reports the tokens of started streams when the call fails, and only then", async () => {
    server.script("10-x", fault.errorEvent(), fault.errorEvent(), fault.errorEvent());
    const unanswered: Usage[] = [];
    const error = await model({ streamRetries: 2 })
      .complete(request("10-x", { onUnansweredUsage: (usage) => unanswered.push(usage) }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelCallError);
    const billed = server.requests.reduce((sum, r) => sum + r.usage!.input_tokens, 0);
    expect(unanswered).toEqual([expect.objectContaining({ inputTokens: billed, outputTokens: 3 })]);
    expect(billed).toBeGreaterThan(0);

    // An HTTP error before any stream started: nothing was billed, nothing is reported.
    server.script("11-x", fault.overloaded(), fault.overloaded(), fault.overloaded());
    const none: Usage[] = [];
    await model({ maxRetries: 2 })
      .complete(request("11-x", { onUnansweredUsage: (usage) => none.push(usage) }))
      .catch(() => undefined);
    expect(none).toEqual([]);
  });

  it("reports the tokens of a stream interrupted after it started", async () => {
    server.script("12-x", reply.text("x".repeat(4000), { latency: { betweenEventsMs: 20 } }));
    const controller = new AbortController();
    const unanswered: Usage[] = [];
    const error = await model()
      .complete(
        request("12-x", {
          signal: controller.signal,
          onUnansweredUsage: (usage) => unanswered.push(usage),
          onStreamEvent: (e) => {
            if (e.type === "text") controller.abort();
          },
        }),
      )
      .catch((e: unknown) => e);
    expect((error as ArcpPlanError).kind).toBe("interrupted");
    expect(unanswered).toHaveLength(1);
    expect(unanswered[0]!.inputTokens).toBe(server.requests[0]!.usage!.input_tokens);
  });

  it("reports max_tokens as its own stop reason", async () => {
    server.script("09-x", "y".repeat(400));
    const response = await model().complete(request("09-x", { maxTokens: 10 }));
    expect(response.stopReason).toBe("max_tokens");
    expect(response.content).toEqual([{ type: "text", text: "y".repeat(40) }]);
  });
});
