import { demoReplies } from "./demo-script.js";
import { type FakeAnthropicServer, startFakeAnthropicServer } from "./fake-anthropic-server.js";

/**
 * Latency of the demo's answers: about a second before the first event and the model "at work"
 * after it, then text streamed in small pieces, so the live view moves as it does on a real run
 * without the wait of one.
 */
const DEMO_LATENCY = { firstEventMs: 400, contentAfterMs: 600, betweenEventsMs: 12, pingIntervalMs: 250 };

/**
 * The local model server `arcp-plan demo` runs: loopback only (127.0.0.1, a free port), each phase
 * answered with its canned plan (`demo-script.ts`). A request the script does not cover gets a 400
 * that names the phase, so the demo fails loudly instead of inventing an answer.
 */
export async function startDemoServer(plans: ReadonlyMap<string, string>): Promise<FakeAnthropicServer> {
  const server = await startFakeAnthropicServer({ latency: DEMO_LATENCY, chunkChars: 24 });
  for (const [phaseId, replies] of demoReplies(plans)) server.script(phaseId, ...replies);
  return server;
}
