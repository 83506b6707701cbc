import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnthropicModel, PHASE_HEADER } from "../../src/llm/anthropic-model.js";
import { BUILT_IN_MODELS } from "../../src/llm/model-catalog.js";
import { priceUsage } from "../../src/llm/pricing.js";
import { runAgentLoop } from "../../src/llm/run-agent-loop.js";
import { sumUsage } from "../../src/llm/usage.js";
import { createWorkspaceTools } from "../../src/workspace/tools/create-workspace-tools.js";
import {
  type FakeAnthropicServer,
  fault,
  reply,
  startFakeAnthropicServer,
} from "../support/fake-anthropic-server.js";
import { fixtureRoots } from "../workspace/copy-fixture-workspace.js";

const KEY = "sk-ant-test-LOOP-KEY-51d0e2";
const MODEL = "claude-haiku-4-5";

/** Whole-call retries back off from 1 s in production; tests keep the waits short. */
const FAST_BACKOFF = { baseMs: 5, maxMs: 20 };

let server: FakeAnthropicServer;
beforeEach(async () => {
  server = await startFakeAnthropicServer({ expectedApiKey: KEY });
});
afterEach(async () => {
  await server.close();
});

function loop(phaseId: string, maxTurns = 8, extra: { maxTokens?: number } = {}) {
  return runAgentLoop({
    model: createAnthropicModel({
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url },
      idleTimeoutMs: 300,
      maxRetries: 2,
      backoff: FAST_BACKOFF,
    }),
    request: {
      phaseId,
      model: MODEL,
      maxTokens: extra.maxTokens ?? 4000,
      system: [
        { type: "text", text: "You plan SDK migrations." },
        { type: "text", text: "BUNDLE ".repeat(500), cacheBreakpoint: true },
      ],
    },
    messages: [{ role: "user", content: [{ type: "text", text: `Write ${phaseId}.` }] }],
    tools: createWorkspaceTools(fixtureRoots),
    maxTurns,
  });
}

type Block = { type: string; tool_use_id?: string; content?: string; is_error?: boolean };
function toolResults(index: number): Block[] {
  const messages = server.requests[index]!.body.messages;
  return messages.at(-1)!.content as Block[];
}

describe("runAgentLoop through the real SDK", () => {
  it("returns a plain answer in one turn", async () => {
    server.script("01-delta", "# Protocol delta\n\nText.\n");
    const result = await loop("01-delta");
    expect(result.outcome).toBe("complete");
    expect(result.text).toBe("# Protocol delta\n\nText.\n");
    expect(result.turns).toBe(1);
    expect(result.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
  });

  it("runs list_files, read_file with a range and grep, then returns the final text without its fence", async () => {
    server.script(
      "02-audit",
      reply.toolCall("list_files", { path: "src/arcp" }, "Looking around."),
      reply.toolCalls([
        { name: "read_file", input: { path: "src/arcp/errors.py", start_line: 1, end_line: 4 } },
        { name: "grep", input: { pattern: "class \\w+Error", path: "../typescript-sdk/packages" } },
      ]),
      "```markdown\n# Current audit\n\nSee `src/arcp/errors.py:1`.\n```\n",
    );
    const result = await loop("02-audit");
    expect(result.outcome).toBe("complete");
    expect(result.text).toBe("# Current audit\n\nSee `src/arcp/errors.py:1`.\n");
    expect(result.turns).toBe(3);
    expect(result.toolCalls.map((c) => [c.name, c.isError])).toEqual([
      ["list_files", false],
      ["read_file", false],
      ["grep", false],
    ]);

    const [listed] = toolResults(1);
    expect(listed).toMatchObject({ type: "tool_result", tool_use_id: "toolu_fake_1" });
    expect(listed!.content).toContain("src/arcp/errors.py");
    expect(listed!.is_error).toBeUndefined();
    const [read, grep] = toolResults(2);
    expect(read!.content).toMatch(/^src\/arcp\/errors\.py \(lines 1-4 of \d+\)\n1\t/);
    expect(grep!.content).toMatch(
      /^\.\.\/typescript-sdk\/packages\/core\/src\/errors\.ts:13: export class ARCPError/m,
    );
    // The assistant's tool_use turn is sent back verbatim before its results.
    expect(server.requests[1]!.body.messages[1]).toMatchObject({
      role: "assistant",
      content: [
        { type: "text", text: "Looking around." },
        { type: "tool_use", id: "toolu_fake_1", name: "list_files", input: { path: "src/arcp" } },
      ],
    });
    expect(server.requests.every((r) => r.headers[PHASE_HEADER] === "02-audit")).toBe(true);
  });

  it("sends tool errors back with is_error and goes on", async () => {
    server.script(
      "03-x",
      reply.toolCalls([
        { name: "read_file", input: { path: "../../etc/passwd" } },
        { name: "grep", input: { pattern: "([" } },
        { name: "write_file", input: { path: "x" } },
      ]),
      "# Done\n",
    );
    const result = await loop("03-x");
    expect(result.outcome).toBe("complete");
    const blocks = toolResults(1);
    expect(blocks.map((b) => b.is_error)).toEqual([true, true, true]);
    expect(blocks[0]!.content).toMatch(/outside the workspace/);
    expect(blocks[2]!.content).toMatch(/Unknown tool "write_file"/);
  });

  it("reports max_tokens as an incomplete outcome, not success", async () => {
    server.script("04-x", "z".repeat(1000));
    const result = await loop("04-x", 8, { maxTokens: 50 });
    expect(result.outcome).toBe("max_tokens");
    expect(result.text).toHaveLength(200);
  });

  it("stops at the turn budget with valid conversation state", async () => {
    server.setResponder(() => reply.toolCall("list_files", {}));
    const result = await loop("05-x", 3);
    expect(result.outcome).toBe("max_turns");
    expect(result.turns).toBe(3);
    expect(result.messages.at(-1)!.role).toBe("user");
    expect(server.requests).toHaveLength(3);
  });

  it("sums usage per call and prices it, with cache writes then reads from the shared prefix", async () => {
    server.script("06-x", reply.toolCall("list_files", { path: "src" }), "# Plan\n");
    const result = await loop("06-x");
    expect(result.calls).toHaveLength(2);
    expect(result.calls.map((c) => c.requestId)).toEqual(server.requests.map((r) => r.requestId));
    expect(result.usage).toEqual(sumUsage(result.calls.map((c) => c.usage)));
    const [first, second] = server.requests.map((r) => r.usage!);
    expect(first!.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(first!.cache_read_input_tokens).toBe(0);
    expect(second!.cache_read_input_tokens).toBe(first!.cache_creation_input_tokens);
    expect(result.usage).toEqual({
      inputTokens: first!.input_tokens + second!.input_tokens,
      cacheWriteTokens: first!.cache_creation_input_tokens + second!.cache_creation_input_tokens,
      cacheWrite1hTokens: 0,
      cacheReadTokens: first!.cache_read_input_tokens + second!.cache_read_input_tokens,
      outputTokens: first!.output_tokens + second!.output_tokens,
      thinkingTokens: 0,
    });
    const cost = priceUsage(result.usage, MODEL, BUILT_IN_MODELS)!;
    const u = result.usage;
    expect(cost).toBeCloseTo(
      (u.inputTokens * 1 + u.cacheWriteTokens * 1.25 + u.cacheReadTokens * 0.1 + u.outputTokens * 5) / 1e6,
      12,
    );
  });

  it("recovers from faults inside a tool loop", async () => {
    server.script(
      "07-x",
      fault.rateLimited(),
      reply.toolCall("list_files", {}),
      fault.errorEvent(),
      "# Plan\n",
    );
    const result = await loop("07-x");
    expect(result.outcome).toBe("complete");
    expect(result.calls.map((c) => c.attempts)).toEqual([1, 2]);
    expect(server.requests.map((r) => r.outcome)).toEqual(["fault:http", "ok", "fault:error-event", "ok"]);
  });
});
