import { createAnthropicModel } from "../../src/llm/anthropic-model.js";
import { runAgentLoop } from "../../src/llm/run-agent-loop.js";
import { createWorkspaceTools } from "../../src/workspace/tools/create-workspace-tools.js";
import { fault, reply, startFakeAnthropicServer } from "../support/fake-anthropic-server.js";
import { fixtureRoots } from "../workspace/copy-fixture-workspace.js";
import type { BenchRow } from "./bench-row.js";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// Overheads of the model layer itself, against the fake server with zero latency: what a phase costs
// beyond the model's own time.
export default async function modelBench(): Promise<BenchRow[]> {
  const server = await startFakeAnthropicServer();
  const model = createAnthropicModel({
    env: { ANTHROPIC_API_KEY: "bench", ANTHROPIC_BASE_URL: server.url },
    idleTimeoutMs: 200,
    // No wait before a whole-call retry: the stall row measures the adapter's own overhead.
    backoff: { baseMs: 0, maxMs: 0 },
  });
  const run = (phaseId: string) =>
    runAgentLoop({
      model,
      request: {
        phaseId,
        model: "claude-haiku-4-5",
        maxTokens: 20_000,
        system: [{ type: "text", text: "x" }],
      },
      messages: [{ role: "user", content: [{ type: "text", text: "go" }] }],
      tools: createWorkspaceTools(fixtureRoots),
      maxTurns: 6,
    });
  try {
    const loops: number[] = [];
    for (let i = 0; i < 10; i++) {
      server.script(
        `p${i}`,
        reply.toolCall("grep", { pattern: "ARCP\\w+" }),
        reply.toolCall("read_file", { path: "README.md" }),
        "x".repeat(40_000),
      );
      const start = performance.now();
      await run(`p${i}`);
      loops.push(performance.now() - start);
    }
    const stalls: number[] = [];
    for (let i = 0; i < 3; i++) {
      server.script(`s${i}`, fault.stall(), "ok");
      const start = performance.now();
      await run(`s${i}`);
      stalls.push(performance.now() - start - 200);
    }
    const perLoop = median(loops);
    const stallExtra = median(stalls);
    return [
      {
        area: "model",
        metric: "3-turn tool loop overhead (grep, read, 40 KB answer; fake API, no latency)",
        value: `${perLoop.toFixed(0)} ms`,
        target: "< 250 ms",
        met: perLoop < 250,
      },
      {
        area: "faults",
        metric: "stall recovery beyond the idle timeout (200 ms; retry backoff set to 0)",
        value: `${stallExtra.toFixed(0)} ms`,
        target: "< 100 ms",
        met: stallExtra < 100,
      },
    ];
  } finally {
    await server.close();
  }
}
