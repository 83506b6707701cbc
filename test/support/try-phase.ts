/**
 * Runs one phase's agent loop end to end against the fake Messages API, by hand:
 *
 *   npm run try:phase            # or: npx tsx test/support/try-phase.ts [phase-id]
 *
 * It starts the fake server on loopback, scripts a short tool-using conversation over the fixture
 * workspace (list_files, read_file with a range, grep, then the final markdown) on the default model,
 * which thinks (the fake signs its thinking and checks it comes back unchanged), runs the real
 * adapter and agent loop through the real SDK, and prints what the server received (headers without
 * the key, the request shapes, the cache breakpoints) and what the loop returned (outcome, text,
 * usage, cost).
 */
import { createAnthropicModel } from "../../src/llm/anthropic-model.js";
import { BUILT_IN_MODELS, DEFAULT_MODEL } from "../../src/llm/model-catalog.js";
import { priceUsage } from "../../src/llm/pricing.js";
import { runAgentLoop } from "../../src/llm/run-agent-loop.js";
import { createWorkspaceTools } from "../../src/workspace/tools/create-workspace-tools.js";
import { fixtureRoots } from "../workspace/copy-fixture-workspace.js";
import { reply, startFakeAnthropicServer } from "./fake-anthropic-server.js";

const phaseId = process.argv[2] ?? "02-current-audit";
const model = DEFAULT_MODEL;

const server = await startFakeAnthropicServer({ latency: { firstEventMs: 30, betweenEventsMs: 2 } });
server.script(
  phaseId,
  reply.toolCall("list_files", { path: "src/arcp" }, "Let me look at the SDK first."),
  reply.toolCalls([
    { name: "read_file", input: { path: "src/arcp/errors.py", start_line: 1, end_line: 12 } },
    { name: "grep", input: { pattern: "BUDGET_EXHAUSTED|LEASE_EXPIRED", path: "../spec/docs" } },
  ]),
  "```markdown\n# Current audit\n\nThe error codes live in `src/arcp/errors.py:1`; the v1.1 codes are in `../spec/docs/draft-arcp-1.1.md`.\n```\n",
);

try {
  const result = await runAgentLoop({
    model: createAnthropicModel({
      env: { ANTHROPIC_API_KEY: "sk-ant-try-phase-fake", ANTHROPIC_BASE_URL: server.url },
    }),
    request: {
      phaseId,
      model,
      maxTokens: 4000,
      thinking: "adaptive",
      cacheConversation: true,
      contextWindow: BUILT_IN_MODELS[model]!.contextWindow,
      system: [
        { type: "text", text: "You write one migration plan as a markdown document." },
        { type: "text", text: "(the context bundle would go here)", cacheBreakpoint: true },
      ],
    },
    messages: [{ role: "user", content: [{ type: "text", text: `Write ${phaseId}.md.` }] }],
    tools: createWorkspaceTools(fixtureRoots),
    maxTurns: 6,
    onToolCall: (call) =>
      console.log(
        `  tool ${call.name} ${JSON.stringify(call.input)} -> ${call.isError ? "ERROR " : ""}${call.summary}`,
      ),
  });

  for (const request of server.requests) {
    console.log(
      `\n=== request ${request.index + 1}: POST ${request.path} (${request.outcome}, ${request.requestId})`,
    );
    console.log(
      `x-arcp-plan-phase: ${request.headers["x-arcp-plan-phase"]}; api key sent: ${request.apiKeyPresent}`,
    );
    const { messages, ...rest } = request.body;
    console.log(JSON.stringify({ ...rest, tools: rest.tools?.map((t) => t.name) }, null, 2));
    for (const message of messages) {
      const blocks =
        typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
      const shown = blocks.map((b) => JSON.stringify(b).slice(0, 160));
      console.log(`  ${message.role}: ${shown.join("\n         ")}`);
    }
    console.log(`  usage sent: ${JSON.stringify(request.usage)}`);
  }
  const cost = priceUsage(result.usage, model, BUILT_IN_MODELS);
  console.log(`\n=== result: ${result.outcome} after ${result.turns} turns`);
  console.log(`usage: ${JSON.stringify(result.usage)}  cost: $${cost?.toFixed(6) ?? "unknown"}`);
  console.log(`--- ${phaseId}.md ---\n${result.text}`);
} finally {
  await server.close();
}
