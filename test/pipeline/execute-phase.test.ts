import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLintContext } from "../../src/lint/lint-context.js";
import { lintDocument } from "../../src/lint/lint-markdown.js";
import { createAnthropicModel } from "../../src/llm/anthropic-model.js";
import type { Message } from "../../src/llm/model.js";
import type { ToolExecutor } from "../../src/llm/tool-executor.js";
import { executePhase } from "../../src/pipeline/execute-phase.js";
import {
  type FakeAnthropicServer,
  type RecordedRequest,
  startFakeAnthropicServer,
} from "../support/fake-anthropic-server.js";

// executePhase through the real adapter and the real linter; only the API peer is fake.
const CLEAN = "# Libraries\n\nThe envelope codec uses `msgspec` for `src/arcp/envelope.py`.\n";
const DIRTY = "# Libraries\n\nA robust and scalable codec uses `msgspec` for `src/arcp/envelope.py`.\n";
const LESS_DIRTY = "# Libraries\n\nA robust codec uses `msgspec` for `src/arcp/envelope.py`.\n";

const noTools: ToolExecutor = { definitions: [], execute: async () => ({ content: "", isError: true }) };
let server: FakeAnthropicServer;

beforeAll(async () => {
  server = await startFakeAnthropicServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

function isRepairTurn(request: RecordedRequest): boolean {
  const last = request.body.messages.at(-1);
  return JSON.stringify(last?.content ?? "").includes("The linter found");
}

function run(maxRepairs: number) {
  const messages: Message[] = [{ role: "user", content: [{ type: "text", text: "Write the plan." }] }];
  return executePhase({
    model: createAnthropicModel({
      env: { ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: server.url },
      maxRetries: 0,
    }),
    request: {
      phaseId: "03-libraries",
      model: "claude-haiku-4-5",
      maxTokens: 4000,
      system: [{ type: "text", text: "rules" }],
    },
    messages,
    tools: noTools,
    maxTurns: 4,
    maxRepairs,
    outputViewPath: "planning/v1.1/03-libraries.md",
    lint: (text) => lintDocument(text, createLintContext()),
    signal: new AbortController().signal,
  });
}

describe("executePhase", () => {
  it("returns a clean first answer without a repair round", async () => {
    server.script("03-libraries", CLEAN);
    const result = await run(2);
    expect(result.kind).toBe("document");
    if (result.kind !== "document") return;
    expect(result.errors).toBe(0);
    expect(result.rounds).toEqual([{ round: 0, errors: 0, warnings: expect.any(Number) }]);
    expect(server.requests).toHaveLength(1);
  });

  it("sends the findings back and keeps the repaired answer", async () => {
    server.setResponder((request) => (isRepairTurn(request) ? CLEAN : DIRTY));
    const result = await run(2);
    expect(result.kind === "document" && result.text.trim()).toBe(CLEAN.trim());
    expect(result.rounds.map((r) => r.errors)).toEqual([expect.any(Number), 0]);
    expect(result.rounds[0]!.errors).toBeGreaterThan(0);
    const repair = server.requests[1]!;
    const last = JSON.stringify(repair.body.messages.at(-1));
    expect(last).toContain("banned-words");
    expect(last).toContain("line 3:");
    expect(last).toContain("robust");
    // The repair turn carries the whole conversation: prompt, first answer, findings.
    expect(repair.body.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  });

  it("stops when a repair round makes no progress and keeps the best attempt", async () => {
    server.setResponder((request) => (isRepairTurn(request) && request.index === 1 ? LESS_DIRTY : DIRTY));
    const result = await run(5);
    expect(result.kind).toBe("document");
    if (result.kind !== "document") return;
    // Round 1 improved (2 -> 1 error), round 2 regressed: stop there, keep round 1's text.
    expect(result.rounds.map((r) => r.errors)).toEqual([2, 1, 2]);
    expect(result.text.trim()).toBe(LESS_DIRTY.trim());
    expect(server.requests).toHaveLength(3);
  });

  it("reports an answer cut at max_tokens as incomplete, not as a document", async () => {
    server.script("03-libraries", { content: [{ type: "text", text: CLEAN }], stopReason: "max_tokens" });
    const result = await run(2);
    expect(result.kind).toBe("incomplete");
    expect(result.kind === "incomplete" && result.reason).toContain("max_tokens");
  });

  it("returns the model error with what was spent when a call fails for good", async () => {
    server.script("03-libraries", { fault: { kind: "http", status: 400 } });
    const result = await run(2);
    expect(result.kind).toBe("error");
    expect(result.kind === "error" && String(result.error)).toContain("03-libraries");
  });
});
