import { describe, expect, it } from "vitest";
import { createAnthropicModel } from "../../src/llm/anthropic-model.js";
import type { ModelRequest } from "../../src/llm/model.js";
import { reply } from "../support/fake-anthropic-server.js";
import { server, useFreshFakeServer } from "../support/fresh-fake-server.js";
import { waitFor } from "../support/wait-for.js";

useFreshFakeServer();

const bundle = "BUNDLE ".repeat(4000);
const upstream = "PLANS ".repeat(2000);

function request(phaseId: string): ModelRequest {
  return {
    phaseId,
    model: "claude-haiku-4-5",
    maxTokens: 100,
    system: [
      { type: "text", text: "rules" },
      { type: "text", text: bundle, cacheBreakpoint: true },
    ],
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: upstream, cacheBreakpoint: true },
          { type: "text", text: `Write ${phaseId}.` },
        ],
      },
    ],
    tools: [],
  };
}

describe("fake server prompt caching", () => {
  it("makes a prefix readable only once a response for it has begun", async () => {
    const model = createAnthropicModel({ env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url } });
    server.script("*", reply.text("a", { latency: { firstEventMs: 80 } }), "b", "c");
    // Two concurrent cold requests: both write.
    await Promise.all([model.complete(request("03-a")), model.complete(request("04-b"))]);
    const [a, b] = server.requests.map((r) => r.usage!);
    expect(a!.cache_read_input_tokens).toBe(0);
    expect(b!.cache_read_input_tokens).toBe(0);
    expect(a!.cache_creation_input_tokens).toBeGreaterThan(3000);
    // A later request reads both breakpoints' prefix and writes nothing new.
    const later = await model.complete(request("05-c"));
    expect(later.usage.cacheReadTokens).toBe(a!.cache_creation_input_tokens);
    expect(later.usage.cacheWriteTokens).toBe(0);
    expect(later.usage.inputTokens).toBeLessThan(20);
  });

  it("with contentAfterMs, serves the prefix from message_start on, while the first answer is still coming", async () => {
    const model = createAnthropicModel({ env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url } });
    server.script("*", reply.text("a", { latency: { firstEventMs: 10, contentAfterMs: 400 } }), "b");
    const first = model.complete(request("03-a"));
    await waitFor("the first message_start", () => server.requests[0]?.firstEventAtMs !== undefined);
    const second = await model.complete(request("04-b"));
    await first;
    const [a, b] = server.requests;
    expect(b!.arrivedAtMs).toBeLessThan(a!.endedAtMs!);
    expect(second.usage.cacheReadTokens).toBe(a!.usage!.cache_creation_input_tokens);
  });

  it("serves non-streaming requests with the same message shape", async () => {
    server.script("p", reply.toolCall("grep", { pattern: "x" }, "pre"));
    const response = await fetch(`${server.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": "k", "x-arcp-plan-phase": "p" },
      body: JSON.stringify({
        model: "claude-haiku-4-5",
        max_tokens: 100,
        messages: [{ role: "user", content: "hi" }],
      }),
    });
    expect(response.headers.get("request-id")).toMatch(/^req_fake_/);
    expect(await response.json()).toMatchObject({
      type: "message",
      role: "assistant",
      model: "claude-haiku-4-5",
      stop_reason: "tool_use",
      content: [
        { type: "text", text: "pre" },
        { type: "tool_use", name: "grep", input: { pattern: "x" }, caller: { type: "direct" } },
      ],
      usage: { cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    });
    expect(server.requests[0]!.apiKeyPresent).toBe(true);
    expect(JSON.stringify(server.requests)).not.toContain('"k"');
  });

  it("answers 400 naming the phase when nothing is scripted", async () => {
    const model = createAnthropicModel({ env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url } });
    await expect(model.complete(request("09-unscripted"))).rejects.toThrow(
      /no scripted reply for phase "09-unscripted"/,
    );
  });
});
