import { describe, expect, it } from "vitest";
import type { WireMessagesRequest } from "../../src/llm/build-messages-request.js";
import { checkPromptSize } from "../../src/llm/check-prompt-size.js";
import { measurePrompt, worstCaseUsage } from "../../src/llm/measure-prompt.js";
import { ModelCallError } from "../../src/llm/model-call-error.js";
import { ZERO_USAGE } from "../../src/llm/usage.js";

const body: WireMessagesRequest = {
  model: "claude-opus-5-5",
  max_tokens: 1000,
  system: [
    { type: "text", text: "r".repeat(300) },
    { type: "text", text: "b".repeat(3000), cache_control: { type: "ephemeral", ttl: "1h" } },
  ],
  messages: [
    {
      role: "user",
      content: [
        { type: "text", text: "u".repeat(600), cache_control: { type: "ephemeral" } },
        { type: "text", text: "i".repeat(90) },
      ],
    },
  ],
};

describe("measurePrompt and worstCaseUsage", () => {
  it("splits the prompt where its breakpoints fall, over-counting at 3 characters per token", () => {
    expect(measurePrompt(body)).toEqual({ tokens: 1330, upTo1hBreakpoint: 1100, upToLastBreakpoint: 1300 });
  });

  it("bills every cached prefix as a write at its lifetime's rate, the tail as input, and max_tokens of output", () => {
    expect(worstCaseUsage(body)).toEqual({
      ...ZERO_USAGE,
      inputTokens: 30,
      cacheWriteTokens: 1300,
      cacheWrite1hTokens: 1100,
      outputTokens: 1000,
    });
  });
});

describe("checkPromptSize", () => {
  it("lets a prompt the estimate says fits go without counting it", async () => {
    let counted = 0;
    await checkPromptSize("p", body, 10_000, async () => ++counted);
    expect(counted).toBe(0);
  });

  it("counts a prompt near the limit exactly and lets it go when it fits", async () => {
    // Estimate 1,330 + 1,000 > 2,000; exact count 900 + 1,000 fits.
    await expect(checkPromptSize("p", body, 2000, async () => 900)).resolves.toBeUndefined();
    // When counting fails, the API judges the call.
    await expect(checkPromptSize("p", body, 2000, async () => undefined)).resolves.toBeUndefined();
  });

  it("refuses, naming the sizes, the window and what to change, when the exact count does not fit", async () => {
    const error = await checkPromptSize("05-middleware", body, 2000, async () => 1200).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelCallError);
    expect(error).toMatchObject({ failure: "too-large", attempts: 0, phaseId: "05-middleware" });
    expect((error as Error).message).toBe(
      "phase 05-middleware: the prompt is 1,200 tokens and max_tokens is 1,000: together more than claude-opus-5-5's context window of 2,000 tokens, so the call was not sent. Lower bundle.budgetTokens (the bundle is in every call), lower model.maxTurns (each tool turn adds its results), lower maxTokens, or choose a model with a larger window",
    );
  });
});
