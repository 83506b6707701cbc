import { describe, expect, it } from "vitest";
import { createAnthropicModel } from "../../src/llm/anthropic-model.js";
import type { ModelRequest } from "../../src/llm/model.js";
import type { Usage } from "../../src/llm/usage.js";
import { CostCap, CostCapRefusal } from "../../src/pipeline/cost-cap.js";
import { observeModelCalls } from "../../src/pipeline/observe-model-calls.js";
import { fault } from "../support/fake-anthropic-server.js";
import { server, useFreshFakeServer } from "../support/fresh-fake-server.js";

// The cap holds per attempt: a whole-call retry after a broken stream bills again, so it must be
// admitted again, with what the broken attempt cost already counted.
useFreshFakeServer();

const request: ModelRequest = {
  phaseId: "01-x",
  model: "claude-haiku-4-5",
  maxTokens: 1000,
  system: [{ type: "text", text: "rules" }],
  messages: [{ role: "user", content: [{ type: "text", text: "x".repeat(40_000) }] }],
  tools: [],
};

/** One token costs one dollar: the figures stay readable. */
const price = (usage: Usage) => usage.inputTokens + usage.outputTokens;

function observed(cap: CostCap, onUnanswered: (usage: Usage) => void = () => {}) {
  const model = createAnthropicModel({
    env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: server.url },
    idleTimeoutMs: 2000,
    backoff: { baseMs: 1, maxMs: 2 },
  });
  const never = new AbortController().signal;
  return observeModelCalls(model, {
    admit: () => cap.admit(15_000, "follow-up", never),
    price,
    onResponse: () => {},
    onUnanswered,
    onSettled: () => {},
  });
}

describe("observeModelCalls under a cost cap", () => {
  it("admits a whole-call retry only if it still fits, counting the broken attempt's tokens", async () => {
    server.script("01-x", fault.errorEvent(), "never sent");
    const cap = new CostCap(20_000);
    const unanswered: Usage[] = [];
    const error = await observed(cap, (u) => unanswered.push(u))
      .complete(request)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CostCapRefusal);
    expect(server.requests).toHaveLength(1);
    const billed = price(unanswered[0]!);
    expect(billed).toBe(server.requests[0]!.usage!.input_tokens + 1);
    expect(cap.spentUsd).toBe(billed);
  });

  it("lets the retry go when there is room, and counts both attempts once", async () => {
    server.script("01-x", fault.errorEvent(), "# ok\n");
    const cap = new CostCap(100_000);
    const response = await observed(cap).complete(request);
    expect(response.attempts).toBe(2);
    expect(cap.spentUsd).toBe(price(response.usage));
    const [first, second] = server.requests.map((r) => r.usage!);
    expect(price(response.usage)).toBe(
      first!.input_tokens + 1 + second!.input_tokens + second!.output_tokens,
    );
  });
});
