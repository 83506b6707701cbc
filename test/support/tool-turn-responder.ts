import type { FakeBlock, FakeReplySpec, RecordedRequest, Responder } from "./fake-anthropic-server.js";
import { answerWithPlans, isRepairRequest, type PlanResponderOptions } from "./fixture-plans.js";

/**
 * The tool calls a phase makes before answering, one per turn, repeated in this order when there are
 * more turns: the whole file list, the SDK's README, a grep across the workspace. Their results are
 * the size real ones are (thousands of tokens), which is what the conversation's cache is for.
 */
export const TOOL_TURN_CALLS: readonly FakeBlock[] = [
  { type: "tool_use", name: "list_files", input: {} },
  { type: "tool_use", name: "read_file", input: { path: "README.md" } },
  { type: "tool_use", name: "grep", input: { pattern: "[Vv]ersion|error" } },
];

export interface ToolTurnOptions extends PlanResponderOptions {
  /** Tool turns before the plan. Default 2. */
  toolTurns?: number;
}

/**
 * A fake-server responder for a realistic phase: it calls the workspace tools for `toolTurns` turns,
 * with a line of reasoning before each call (which a thinking model returns as thinking), then
 * answers with the phase's plan; a lint-repair turn is answered with the plan at once.
 */
export function answerAfterToolTurns(
  plans: ReadonlyMap<string, string>,
  options: ToolTurnOptions = {},
): Responder {
  const turns = options.toolTurns ?? 2;
  const answer = answerWithPlans(plans, options);
  return (request: RecordedRequest): FakeReplySpec | Promise<FakeReplySpec> => {
    const done = request.body.messages.filter((m) => m.role === "assistant").length;
    if (isRepairRequest(request) || done >= turns) return answer(request);
    const call = TOOL_TURN_CALLS[done % TOOL_TURN_CALLS.length]!;
    const latency = options.latency?.(request.phaseId ?? "");
    return {
      content: [
        {
          type: "text",
          text: `Before writing ${request.phaseId}, I check the workspace (step ${done + 1}).`,
        },
        call,
      ],
      ...(latency ? { latency } : {}),
    };
  };
}
