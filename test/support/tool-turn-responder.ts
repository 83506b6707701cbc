import type { FakeBlock, FakeReplySpec, RecordedRequest, Responder } from "./fake-anthropic-server.js";
import { type PlanResponderOptions, answerWithPlans, isRepairRequest } from "./fixture-plans.js";

/** The tool calls a phase makes before answering, in order (each a turn of its own). */
export const TOOL_TURN_CALLS: readonly FakeBlock[] = [
  { type: "tool_use", name: "list_files", input: { path: "." } },
  { type: "tool_use", name: "read_file", input: { path: "README.md", start_line: 1, end_line: 60 } },
  { type: "tool_use", name: "grep", input: { pattern: "version", path: "." } },
];

export interface ToolTurnOptions extends PlanResponderOptions {
  /** Tool turns before the plan (at most `TOOL_TURN_CALLS.length`). Default 2. */
  toolTurns?: number;
}

/**
 * A fake-server responder for a realistic phase: it calls the workspace tools for `toolTurns` turns,
 * with a line of reasoning before each call (which a thinking model returns as thinking), then
 * answers with the phase's plan; a lint-repair turn is answered with the plan at once.
 */
export function answerAfterToolTurns(plans: ReadonlyMap<string, string>, options: ToolTurnOptions = {}): Responder {
  const turns = options.toolTurns ?? 2;
  const answer = answerWithPlans(plans, options);
  return (request: RecordedRequest): FakeReplySpec | Promise<FakeReplySpec> => {
    const done = request.body.messages.filter((m) => m.role === "assistant").length;
    if (isRepairRequest(request) || done >= turns) return answer(request);
    const call = TOOL_TURN_CALLS[done]!;
    const latency = options.latency?.(request.phaseId ?? "");
    return {
      content: [{ type: "text", text: `Before writing ${request.phaseId}, I check the workspace (step ${done + 1}).` }, call],
      ...(latency ? { latency } : {}),
    };
  };
}
