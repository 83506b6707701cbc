import { describe, expect, it } from "vitest";
import { buildMessagesRequest } from "../../src/llm/build-messages-request.js";
import type { ModelRequest } from "../../src/llm/model.js";
import { DEFAULT_MODEL, DEFAULT_PRICES, mergePriceTables, priceUsage } from "../../src/llm/pricing.js";
import { stripCodeFence } from "../../src/llm/strip-code-fence.js";
import { cacheHitRate } from "../../src/llm/usage.js";

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
  const usage = {
    inputTokens: 1_000_000,
    cacheWriteTokens: 1_000_000,
    cacheReadTokens: 1_000_000,
    outputTokens: 1_000_000,
  };

  it("prices input, output, cache write (1.25x) and cache read (0.1x)", () => {
    expect(DEFAULT_MODEL).toBe("claude-opus-4-5");
    expect(DEFAULT_PRICES[DEFAULT_MODEL]).toBeDefined();
    expect(priceUsage(usage, "claude-sonnet-4-5", DEFAULT_PRICES)).toBeCloseTo(3 + 15 + 3.75 + 0.3, 10);
    expect(priceUsage(usage, "claude-opus-4-5", DEFAULT_PRICES)).toBeCloseTo(5 + 25 + 6.25 + 0.5, 10);
    expect(priceUsage(usage, "claude-haiku-4-5-20251001", DEFAULT_PRICES)).toBeCloseTo(
      1 + 5 + 1.25 + 0.1,
      10,
    );
  });

  it("has no price for unknown models and lets config add or override one", () => {
    expect(priceUsage(usage, "claude-unknown-9", DEFAULT_PRICES)).toBeUndefined();
    const table = mergePriceTables(DEFAULT_PRICES, {
      "claude-unknown-9": { input: 1, output: 2, cacheWrite: 0, cacheRead: 0 },
      "claude-sonnet-4-5": { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 },
    });
    expect(priceUsage(usage, "claude-unknown-9", table)).toBe(3);
    expect(priceUsage(usage, "claude-sonnet-4-5", table)).toBe(0);
  });

  it("computes the cache hit rate", () => {
    expect(cacheHitRate({ inputTokens: 10, cacheWriteTokens: 0, cacheReadTokens: 30, outputTokens: 5 })).toBe(
      0.75,
    );
    expect(
      cacheHitRate({ inputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 5 }),
    ).toBeUndefined();
  });
});

describe("buildMessagesRequest", () => {
  const base: ModelRequest = {
    phaseId: "p",
    model: "m",
    maxTokens: 10,
    system: [{ type: "text", text: "s", cacheBreakpoint: true }],
    messages: [
      { role: "user", content: [{ type: "text", text: "u", cacheBreakpoint: true }] },
      { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "grep", input: { pattern: "x" } }] },
      { role: "user", content: [{ type: "tool_result", toolUseId: "t1", content: "bad", isError: true }] },
    ],
    tools: [{ name: "grep", description: "d", inputSchema: { type: "object", properties: {} } }],
  };

  it("builds the wire shape with cache_control on breakpoints", () => {
    expect(buildMessagesRequest(base)).toEqual({
      model: "m",
      max_tokens: 10,
      system: [{ type: "text", text: "s", cache_control: { type: "ephemeral" } }],
      messages: [
        { role: "user", content: [{ type: "text", text: "u", cache_control: { type: "ephemeral" } }] },
        {
          role: "assistant",
          content: [{ type: "tool_use", id: "t1", name: "grep", input: { pattern: "x" } }],
        },
        {
          role: "user",
          content: [{ type: "tool_result", tool_use_id: "t1", content: "bad", is_error: true }],
        },
      ],
      tools: [{ name: "grep", description: "d", input_schema: { type: "object", properties: {} } }],
    });
  });
});
