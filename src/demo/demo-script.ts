import { type FakeReply, reply } from "./fake-anthropic/fake-reply.js";

/** The phase whose first draft breaks a lint rule, so the demo shows a repair round. */
export const DEMO_REPAIR_PHASE = "05-middleware";

/**
 * Tool calls some phases make before answering, each reading a real file of the fixture workspace
 * (paths as the workspace tools take them: relative to the SDK, `../<root>/...` for the others).
 */
const DEMO_TOOL_CALLS: Record<
  string,
  { preamble: string; path: string; start_line?: number; end_line?: number }
> = {
  "02-current-audit": {
    preamble: "Let me check where the SDK defines its error codes before writing the audit.",
    path: "src/arcp/errors.py",
  },
  "05-middleware": {
    preamble: "I will look at how the TypeScript reference wires its Express middleware.",
    path: "../typescript-sdk/packages/middleware/express/src/index.ts",
  },
};

/**
 * A first draft that the `banned-words` rule rejects: the clean plan plus one sentence with two
 * banned words. The repair round answers with the clean plan.
 */
export function draftWithLintFinding(plan: string): string {
  return `${plan.trimEnd()}\n\nThis robust seam lets us leverage the existing transport without changes.\n`;
}

/**
 * The replies each phase gets, in order: optionally a tool call, then its plan; the repair phase
 * first answers with a flawed draft, then (in the repair round) with the clean plan. Pure.
 */
export function demoReplies(plans: ReadonlyMap<string, string>): Map<string, FakeReply[]> {
  const script = new Map<string, FakeReply[]>();
  for (const [phaseId, plan] of plans) {
    const replies: FakeReply[] = [];
    const call = DEMO_TOOL_CALLS[phaseId];
    if (call) {
      const { preamble, ...input } = call;
      replies.push(reply.toolCall("read_file", input, preamble));
    }
    if (phaseId === DEMO_REPAIR_PHASE) replies.push(reply.text(draftWithLintFinding(plan)));
    replies.push(reply.text(plan));
    script.set(phaseId, replies);
  }
  return script;
}
