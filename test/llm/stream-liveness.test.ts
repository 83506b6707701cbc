import { describe, expect, it } from "vitest";
import { ArcpPlanError } from "../../src/errors/arcp-plan-error.js";
import { createAnthropicModel } from "../../src/llm/anthropic-model.js";
import type { ModelRequest, ModelStreamEvent } from "../../src/llm/model.js";
import { retryDelayMs } from "../../src/llm/retry-delay.js";
import { fault, reply } from "../support/fake-anthropic-server.js";
import { server, useFreshFakeServer } from "../support/fresh-fake-server.js";
import { waitFor } from "../support/wait-for.js";

// The idle watchdog must tell a dead stream from a model thinking quietly: the API keeps the
// connection alive with `ping` events, which the SDK never surfaces.
useFreshFakeServer();

function request(phaseId: string, extra: Partial<ModelRequest> = {}): ModelRequest {
  return {
    phaseId,
    model: "claude-opus-5-5",
    maxTokens: 1000,
    system: [{ type: "text", text: "rules" }],
    messages: [{ role: "user", content: [{ type: "text", text: "go" }] }],
    tools: [],
    ...extra,
  };
}

const model = (backoff = { baseMs: 40, maxMs: 200 }) =>
  createAnthropicModel({
    env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url },
    idleTimeoutMs: 300,
    streamRetries: 2,
    backoff,
  });

describe("stream liveness", () => {
  it("does not cut a stream that only pings for longer than the idle timeout", async () => {
    server.script(
      "01-x",
      reply.text("# Plan\n", { latency: { contentAfterMs: 1200, pingIntervalMs: 100 } }),
      "never sent",
    );
    const response = await model().complete(request("01-x"));
    expect(response.attempts).toBe(1);
    expect(response.content.at(-1)).toEqual({ type: "text", text: "# Plan\n" });
    expect(server.requests.map((r) => r.outcome)).toEqual(["ok"]);
  });

  it("cuts the same silence without pings and retries the call", async () => {
    server.script("02-x", reply.text("# Plan\n", { latency: { contentAfterMs: 1200 } }), "# Again\n");
    const response = await model().complete(request("02-x"));
    expect(response.attempts).toBe(2);
    expect(server.requests.map((r) => r.outcome)).toEqual(["client-closed", "ok"]);
  });

  it("backs off with jitter before each whole-call retry, within bounds", async () => {
    server.script("03-x", fault.errorEvent(), fault.errorEvent(), "# Third\n");
    const events: ModelStreamEvent[] = [];
    const response = await model().complete(request("03-x", { onStreamEvent: (e) => events.push(e) }));
    expect(response.attempts).toBe(3);
    const delays = events.flatMap((e) => (e.type === "retry" ? [e.delayMs] : []));
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(20);
    expect(delays[0]).toBeLessThanOrEqual(40);
    expect(delays[1]).toBeGreaterThanOrEqual(40);
    expect(delays[1]).toBeLessThanOrEqual(80);
  });

  it("stops waiting at once when aborted during the backoff, and sends nothing more", async () => {
    server.script("04-x", fault.errorEvent(), "never sent");
    const controller = new AbortController();
    const pending = model({ baseMs: 60_000, maxMs: 60_000 }).complete(
      request("04-x", {
        signal: controller.signal,
        onStreamEvent: (e) => {
          if (e.type === "retry") controller.abort();
        },
      }),
    );
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArcpPlanError);
    expect((error as ArcpPlanError).kind).toBe("interrupted");
    await waitFor("the server to log the request", () => server.requests[0]?.outcome !== undefined);
    expect(server.requests).toHaveLength(1);
  });

  it("computes exponential delays with equal jitter, capped", () => {
    const settings = { baseMs: 1000, maxMs: 5000 };
    expect(retryDelayMs(1, settings, 0)).toBe(500);
    expect(retryDelayMs(1, settings, 0.999)).toBe(1000);
    expect(retryDelayMs(2, settings, 0)).toBe(1000);
    expect(retryDelayMs(3, settings, 0.5)).toBe(3000);
    expect(retryDelayMs(10, settings, 0.9999)).toBe(5000);
    expect(retryDelayMs(10, settings, 0)).toBe(2500);
  });
});
