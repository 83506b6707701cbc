import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnthropicModel } from "../../src/llm/anthropic-model.js";
import type { ModelRequest } from "../../src/llm/model.js";
import { ModelCallError } from "../../src/llm/model-call-error.js";
import { runAgentLoop } from "../../src/llm/run-agent-loop.js";
import { createWorkspaceTools } from "../../src/workspace/tools/create-workspace-tools.js";
import {
  type FakeAnthropicServer,
  type RecordedRequest,
  reply,
  startFakeAnthropicServer,
} from "../support/fake-anthropic-server.js";
import { fixtureRoots } from "../workspace/copy-fixture-workspace.js";

// Today's models think: every answer starts with signed thinking, which the next request of the
// conversation must carry back unchanged. The fake API checks that as the real one does.
const KEY = "sk-ant-test-THINKING-9b1e";
const OPUS = "claude-opus-5-5";

let server: FakeAnthropicServer;
beforeEach(async () => {
  server = await startFakeAnthropicServer({ expectedApiKey: KEY });
});
afterEach(async () => {
  await server.close();
});

const model = () =>
  createAnthropicModel({
    env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url },
    idleTimeoutMs: 2000,
  });

function loop(phaseId: string, extra: Partial<ModelRequest> = {}) {
  return runAgentLoop({
    model: model(),
    request: {
      phaseId,
      model: OPUS,
      maxTokens: 8000,
      thinking: "adaptive",
      cacheConversation: true,
      contextWindow: 1_000_000,
      system: [
        { type: "text", text: "You plan SDK migrations." },
        { type: "text", text: "BUNDLE ".repeat(600), cacheBreakpoint: true },
      ],
      ...extra,
    },
    messages: [{ role: "user", content: [{ type: "text", text: `Write ${phaseId}.` }] }],
    tools: createWorkspaceTools(fixtureRoots),
    maxTurns: 6,
  });
}

/** Sends a raw body to the fake, as a client that gets the details wrong would. */
async function post(body: Record<string, unknown>, path = "/v1/messages") {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": KEY, "x-arcp-plan-phase": "raw" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as { error?: { message: string } } };
}

/** A request's prompt as the fake counted it: what the next call must read from the cache. */
function promptOf(request: RecordedRequest): number {
  const u = request.usage!;
  return u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens;
}

describe("thinking models through the fake API", () => {
  it("replays every thinking block unchanged and first through two tool turns, and reads each earlier prompt from the cache", async () => {
    server.script(
      "02-audit",
      reply.toolCall("list_files", { path: "src/arcp" }, "I need the module list first."),
      { ...reply.toolCall("grep", { pattern: "class \\w+Error" }), thinking: { redacted: true } },
      "# Audit\n\nBody.\n",
    );
    const result = await loop("02-audit");

    expect(result.outcome).toBe("complete");
    expect(result.text).toBe("# Audit\n\nBody.\n");
    expect(server.requests.map((r) => r.status)).toEqual([200, 200, 200]);
    // Each assistant turn goes back exactly as the fake sent it (thinking, signature, order).
    const [first, second, third] = server.requests;
    expect(first!.reply![0]).toMatchObject({ type: "thinking", thinking: "I need the module list first." });
    expect(second!.reply![0]).toMatchObject({ type: "redacted_thinking" });
    const strip = (blocks: unknown) =>
      JSON.parse(JSON.stringify(blocks).replace(/,?"(citations|caller)":(null|\{"type":"direct"\})/g, ""));
    expect(second!.body.messages[1]!.content).toEqual(strip(first!.reply));
    expect(third!.body.messages[1]!.content).toEqual(strip(first!.reply));
    expect(third!.body.messages[3]!.content).toEqual(strip(second!.reply));
    // The final plan is the text only; the thinking stays in the conversation.
    expect(result.messages.at(-1)!.content[0]).toMatchObject({ type: "thinking" });
    // Thinking tokens are output tokens, counted as such.
    expect(result.usage.thinkingTokens).toBe(
      server.requests.reduce((n, r) => n + r.usage!.thinking_tokens, 0),
    );
    expect(result.usage.thinkingTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBe(server.requests.reduce((n, r) => n + r.usage!.output_tokens, 0));
    // The moving breakpoint: each follow-up reads the whole previous prompt.
    expect(second!.usage!.cache_read_input_tokens).toBe(promptOf(first!));
    expect(third!.usage!.cache_read_input_tokens).toBe(promptOf(second!));
    for (const request of server.requests) expect(request.body.thinking).toEqual({ type: "adaptive" });
    for (const request of server.requests) expect(request.body).not.toHaveProperty("tool_choice");
  });

  it("answers 400 with the API's message when a later request drops or alters the thinking", async () => {
    server.script(
      "raw",
      reply.toolCall("grep", { pattern: "x" }),
      reply.toolCall("grep", { pattern: "y" }),
      "x",
    );
    const user = { role: "user", content: "go" };
    const base = {
      model: OPUS,
      max_tokens: 500,
      tools: [{ name: "grep", input_schema: { type: "object" } }],
    };
    await post({ ...base, messages: [user] });
    const turn = server.requests[0]!.reply!.map(({ ...block }) => {
      delete (block as Record<string, unknown>).caller;
      delete (block as Record<string, unknown>).citations;
      return block;
    });
    const toolUse = turn[1] as { id: string };
    const result = {
      role: "user",
      content: [{ type: "tool_result", tool_use_id: toolUse.id, content: "r" }],
    };

    const dropped = await post({
      ...base,
      messages: [user, { role: "assistant", content: turn.slice(1) }, result],
    });
    expect(dropped.status).toBe(400);
    expect(dropped.json.error).toMatchObject({
      type: "invalid_request_error",
      message: expect.stringMatching(
        /^messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`\. When `thinking` is enabled, a final `assistant` message must start with a thinking block/,
      ),
    });
    const altered = [{ ...turn[0], thinking: "edited" }, turn[1]];
    const edited = await post({ ...base, messages: [user, { role: "assistant", content: altered }, result] });
    expect(edited.json.error).toMatchObject({
      message: "messages.1.content.0: Invalid `signature` in `thinking` block",
    });
    // Thinking is tied to the model that produced it.
    const moved = await post({
      ...base,
      model: "claude-opus-5",
      messages: [user, { role: "assistant", content: turn }, result],
    });
    expect(moved.status).toBe(400);
    const intact = await post({ ...base, messages: [user, { role: "assistant", content: turn }, result] });
    expect(intact.status).toBe(200);
  });

  it.each([
    [OPUS, { thinking: { type: "disabled" } }, /`disabled` is not supported by claude-opus-5-5/],
    [
      OPUS,
      { thinking: { type: "enabled", budget_tokens: 2000 } },
      /`enabled` \(a manual budget_tokens\) is not supported/,
    ],
    [
      OPUS,
      { tool_choice: { type: "any" } },
      /^Thinking may not be enabled when tool_choice forces tool use\.$/,
    ],
    [
      OPUS,
      { tool_choice: { type: "tool", name: "grep" } },
      /^Thinking may not be enabled when tool_choice forces tool use\.$/,
    ],
    ["claude-opus-5", { tool_choice: { type: "any" } }, /forces tool use/],
    [
      "claude-haiku-4-5",
      { thinking: { type: "adaptive" } },
      /`adaptive` is not supported by claude-haiku-4-5/,
    ],
    [
      "claude-haiku-4-5",
      { output_config: { effort: "high" } },
      /effort is not supported by claude-haiku-4-5/,
    ],
    [
      OPUS,
      { max_tokens: 200_000 },
      /^max_tokens: 200000 > 128000, which is the maximum allowed number of output tokens for claude-opus-5-5$/,
    ],
    ["claude-sonnet-4-5", {}, /^model: claude-sonnet-4-5$/],
  ])("refuses %s with %j as the API does", async (id, extra, message) => {
    const body = {
      model: id,
      max_tokens: 500,
      messages: [{ role: "user", content: "hi" }],
      tools: [{ name: "grep", input_schema: { type: "object" } }],
      ...extra,
    };
    const { status, json } = await post(body);
    expect(status).toBe(id === "claude-sonnet-4-5" ? 404 : 400);
    expect(json.error?.message).toMatch(message);
  });

  it("accepts what those models do take: adaptive or nothing, a budget on haiku, tool_choice auto", async () => {
    server.setResponder(() => "ok");
    const hi = [{ role: "user", content: "hi" }];
    expect((await post({ model: OPUS, max_tokens: 500, messages: hi })).status).toBe(200);
    expect(
      (
        await post({
          model: OPUS,
          max_tokens: 500,
          messages: hi,
          thinking: { type: "adaptive" },
          tool_choice: { type: "auto" },
          output_config: { effort: "max" },
        })
      ).status,
    ).toBe(200);
    expect(
      (await post({ model: "claude-opus-5", max_tokens: 500, messages: hi, thinking: { type: "disabled" } }))
        .status,
    ).toBe(200);
    expect(
      (
        await post({
          model: "claude-haiku-4-5",
          max_tokens: 4000,
          messages: hi,
          thinking: { type: "enabled", budget_tokens: 1024 },
        })
      ).status,
    ).toBe(200);
    // Haiku thinks only when asked to; Opus 5.5 always does.
    expect(server.requests[3]!.reply![0]!.type).toBe("thinking");
    expect(server.requests[0]!.reply![0]!.type).toBe("thinking");
    expect(server.requests[2]!.reply![0]!.type).toBe("text");
  });

  it("counts tokens at /v1/messages/count_tokens the way it bills them", async () => {
    server.setResponder(() => "ok");
    const body = { model: OPUS, messages: [{ role: "user", content: "x".repeat(400) }] };
    const counted = await post(body, "/v1/messages/count_tokens");
    await post({ ...body, max_tokens: 100 });
    expect(counted.json).toEqual({ input_tokens: 100 });
    expect(promptOf(server.requests[1]!)).toBe(100);
  });

  it("ends the loop on refusal with its details, and continues a paused turn", async () => {
    server.script("03-x", reply.refusal("cyber", "The request could enable harm."));
    const refused = await loop("03-x");
    expect(refused.outcome).toBe("refusal");
    expect(refused.refusal).toEqual({ category: "cyber", explanation: "The request could enable harm." });

    server.script("04-x", reply.pauseTurn("# Plan\n\nFirst half"), "# Plan\n\nWhole.\n");
    const paused = await loop("04-x");
    expect(paused.outcome).toBe("complete");
    expect(paused.text).toBe("# Plan\n\nWhole.\n");
    const continued = server.requestsFor("04-x")[1]!;
    expect(continued.status).toBe(200);
    expect(continued.body.messages.at(-1)!.role).toBe("assistant");
  });
});

describe("context window and output limits", () => {
  const tiny = { "test-tiny-window": { contextWindow: 3000, maxOutput: 2000, thinking: "always" as const } };

  it("cuts an answer that fills the window with model_context_window_exceeded, never a finished plan", async () => {
    await server.close();
    server = await startFakeAnthropicServer({ expectedApiKey: KEY, models: tiny });
    server.script("05-x", `# Plan\n\n${"word ".repeat(4000)}`);
    const result = await loop("05-x", {
      model: "test-tiny-window",
      maxTokens: 2000,
      contextWindow: undefined,
    });
    expect(result.outcome).toBe("context_window");
    expect(result.calls[0]!.rawStopReason).toBe("model_context_window_exceeded");
  });

  it("checks the prompt against the window before sending, counting it exactly near the limit", async () => {
    await server.close();
    server = await startFakeAnthropicServer({ expectedApiKey: KEY, models: tiny });
    const error = await loop("06-x", {
      model: "test-tiny-window",
      maxTokens: 2000,
      contextWindow: 3000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as ModelCallError).failure).toBe("too-large");
    expect((error as Error).message).toMatch(
      /^phase 06-x: the prompt is [\d,]+ tokens and max_tokens is 2,000: together more than test-tiny-window's context window of 3,000 tokens, so the call was not sent/,
    );
    expect(server.requests.map((r) => r.path)).toEqual(["/v1/messages/count_tokens"]);

    // Near the limit but fitting by the exact count: sent.
    server.reset();
    server.script("07-x", "# Small\n");
    const fits = await loop("07-x", { model: "test-tiny-window", maxTokens: 1200, contextWindow: 3000 });
    expect(fits.outcome).toBe("complete");
    expect(server.requests.map((r) => r.path)).toEqual(["/v1/messages/count_tokens", "/v1/messages"]);
  });
});
