import { describe, expect, it } from "vitest";
import { buildMessagesRequest } from "../../src/llm/build-messages-request.js";
import type { ModelRequest } from "../../src/llm/model.js";
import { BUILT_IN_MODELS } from "../../src/llm/model-catalog.js";
import { priceUsage, priceUsageAt } from "../../src/llm/pricing.js";
import { stripCodeFence } from "../../src/llm/strip-code-fence.js";
import { cacheHitRate, type Usage, ZERO_USAGE } from "../../src/llm/usage.js";

describe("stripCodeFence", () => {
  it.each([
    ["```markdown\n# T\n\nBody\n```", "# T\n\nBody\n"],
    ["```md\n# T\n```\n", "# T\n"],
    ["```\n# T\n```", "# T\n"],
    ["~~~~markdown\n# T\n~~~~", "# T\n"],
    // A markdown wrapper keeps the document's own code blocks.
    ["```markdown\n# T\n\n```python\nx = 1\n```\n\nEnd.\n```", "# T\n\n```python\nx = 1\n```\n\nEnd.\n"],
  ])("strips one surrounding fence from %j", (input, expected) => {
    expect(stripCodeFence(input)).toBe(expected);
  });

  it.each([
    "# T\n\n```python\nx = 1\n```\n",
    "```python\nx = 1\n```",
    "```\na\n```\n\ntext\n\n```\nb\n```",
    "```markdown\n# unterminated",
  ])("leaves %j alone", (input) => {
    expect(stripCodeFence(input)).toBe(input);
  });
});

describe("pricing", () => {
  const M = 1_000_000;
  const usage: Usage = {
    inputTokens: M,
    cacheWriteTokens: 2 * M,
    cacheWrite1hTokens: M,
    cacheReadTokens: M,
    outputTokens: M,
    thinkingTokens: M / 2,
  };

  it("prices each of the five rates from the table, the 1-hour writes at their own rate", () => {
    // claude-opus-5-5: 4 in, 20 out, 5 (5-minute write), 8 (1-hour write), 0.20 read.
    expect(priceUsage(usage, "claude-opus-5-5", BUILT_IN_MODELS)).toBeCloseTo(4 + 20 + 5 + 8 + 0.2, 10);
    expect(
      priceUsageAt({ ...ZERO_USAGE, cacheReadTokens: M }, BUILT_IN_MODELS["claude-opus-5-5"]!.prices),
    ).toBe(0.2);
    // Thinking tokens are output tokens: already inside outputTokens, not billed twice.
    expect(
      priceUsage({ ...ZERO_USAGE, outputTokens: M, thinkingTokens: M }, "claude-opus-5-5", BUILT_IN_MODELS),
    ).toBe(20);
    expect(priceUsage(usage, "claude-haiku-4-5-20251001", BUILT_IN_MODELS)).toBeCloseTo(
      1 + 5 + 1.25 + 2 + 0.1,
      10,
    );
  });

  it("stores cache reads rather than deriving them from the input price", () => {
    const opus55 = BUILT_IN_MODELS["claude-opus-5-5"]!.prices;
    expect(opus55.cacheRead / opus55.input).toBeCloseTo(0.05, 10);
    expect(
      BUILT_IN_MODELS["claude-opus-5"]!.prices.cacheRead / BUILT_IN_MODELS["claude-opus-5"]!.prices.input,
    ).toBeCloseTo(0.1, 10);
  });

  it("has no price for a model outside the catalog", () => {
    expect(priceUsage(usage, "claude-unknown-9", BUILT_IN_MODELS)).toBeUndefined();
    expect(priceUsage(usage, "claude-sonnet-4-5", BUILT_IN_MODELS)).toBeUndefined();
  });

  it("computes the cache hit rate", () => {
    expect(cacheHitRate({ ...ZERO_USAGE, inputTokens: 10, cacheReadTokens: 30, outputTokens: 5 })).toBe(0.75);
    expect(cacheHitRate({ ...ZERO_USAGE, outputTokens: 5 })).toBeUndefined();
  });
});

describe("buildMessagesRequest", () => {
  const thinking = { type: "thinking" as const, thinking: "I should grep.", signature: "sig==" };
  const base: ModelRequest = {
    phaseId: "p",
    model: "claude-opus-5-5",
    maxTokens: 10,
    system: [{ type: "text", text: "s", cacheBreakpoint: true }],
    messages: [
      { role: "user", content: [{ type: "text", text: "u", cacheBreakpoint: true }] },
      {
        role: "assistant",
        content: [
          thinking,
          { type: "redacted_thinking", data: "opaque" },
          { type: "tool_use", id: "t1", name: "grep", input: { pattern: "x" } },
        ],
      },
      { role: "user", content: [{ type: "tool_result", toolUseId: "t1", content: "bad", isError: true }] },
    ],
    tools: [{ name: "grep", description: "d", inputSchema: { type: "object", properties: {} } }],
  };

  it("builds the wire shape: cache_control on breakpoints, thinking replayed first and unchanged, no tool_choice", () => {
    const body = buildMessagesRequest({ ...base, thinking: "adaptive", effort: "high" });
    expect(body).toEqual({
      model: "claude-opus-5-5",
      max_tokens: 10,
      system: [{ type: "text", text: "s", cache_control: { type: "ephemeral" } }],
      messages: [
        { role: "user", content: [{ type: "text", text: "u", cache_control: { type: "ephemeral" } }] },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "I should grep.", signature: "sig==" },
            { type: "redacted_thinking", data: "opaque" },
            { type: "tool_use", id: "t1", name: "grep", input: { pattern: "x" } },
          ],
        },
        {
          role: "user",
          content: [{ type: "tool_result", tool_use_id: "t1", content: "bad", is_error: true }],
        },
      ],
      tools: [{ name: "grep", description: "d", input_schema: { type: "object", properties: {} } }],
      thinking: { type: "adaptive" },
      output_config: { effort: "high" },
    });
    expect(body).not.toHaveProperty("tool_choice");
  });

  it("moves a breakpoint to the newest user message and keeps one on the message before, within four", () => {
    const marked = (request: ModelRequest) =>
      buildMessagesRequest(request).messages.flatMap((m, i) =>
        m.content.flatMap((b, j) => ("cache_control" in b && b.cache_control ? [`${i}.${j}`] : [])),
      );
    const messages: ModelRequest["messages"] = [
      {
        role: "user",
        content: [
          { type: "text", text: "upstream", cacheBreakpoint: true },
          { type: "text", text: "do it" },
        ],
      },
      { role: "assistant", content: [thinking, { type: "tool_use", id: "t1", name: "grep", input: {} }] },
      { role: "user", content: [{ type: "tool_result", toolUseId: "t1", content: "r1", isError: false }] },
      { role: "assistant", content: [thinking, { type: "tool_use", id: "t2", name: "grep", input: {} }] },
      { role: "user", content: [{ type: "tool_result", toolUseId: "t2", content: "r2", isError: false }] },
    ];
    const request = { ...base, messages, cacheConversation: true };
    // Bundle (system) + upstream + the two newest user messages' last blocks: four.
    expect(marked(request)).toEqual(["0.0", "2.0", "4.0"]);
    expect(buildMessagesRequest(request).messages[4]!.content[0]).toMatchObject({
      cache_control: { type: "ephemeral" },
    });
    // First call of a phase: the instructions after the upstream block.
    expect(marked({ ...request, messages: messages.slice(0, 1) })).toEqual(["0.0", "0.1"]);
    // With three fixed breakpoints only the newest message gets one.
    const crowded = {
      ...request,
      system: [...base.system, { type: "text" as const, text: "t", cacheBreakpoint: true }],
    };
    expect(marked(crowded)).toEqual(["0.0", "4.0"]);
    // Off: only the fixed breakpoints.
    expect(marked({ ...request, cacheConversation: false })).toEqual(["0.0"]);
  });

  it("gives a breakpoint the 1-hour lifetime when asked", () => {
    const body = buildMessagesRequest({
      ...base,
      system: [{ type: "text", text: "bundle", cacheBreakpoint: true, cacheTtl: "1h" }],
    });
    expect(body.system![0]!.cache_control).toEqual({ type: "ephemeral", ttl: "1h" });
  });

  it("refuses more than four breakpoints and an empty conversation", () => {
    const five = Array.from({ length: 5 }, () => ({
      type: "text" as const,
      text: "x",
      cacheBreakpoint: true,
    }));
    expect(() => buildMessagesRequest({ ...base, system: five })).toThrow(/at most 4/);
    expect(() => buildMessagesRequest({ ...base, messages: [] })).toThrow(/needs messages/);
  });
});
