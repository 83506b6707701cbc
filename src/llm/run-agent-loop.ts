import { ArcpPlanError, isArcpPlanError } from "../errors/arcp-plan-error.js";
import type {
  ContentBlock,
  LanguageModel,
  Message,
  ModelRequest,
  ModelResponse,
  RefusalDetails,
  StopReason,
  ToolResultBlock,
  ToolUseBlock,
} from "./model.js";
import { stripCodeFence } from "./strip-code-fence.js";
import type { ToolExecutor, ToolOutcome } from "./tool-executor.js";
import { sumUsage, type Usage } from "./usage.js";

export type AgentOutcome =
  /** The model ended its turn (`end_turn`) without calling a tool: `text` is the phase's document. */
  | "complete"
  /** The output hit `max_tokens`: `text` is incomplete and must not be treated as success. */
  | "max_tokens"
  /** The conversation filled the model's context window: `text` is cut off, never a document. */
  | "context_window"
  /** The model was still calling tools when the turn budget ran out. */
  | "max_turns"
  /** The model refused; `refusal` says why when the API did. */
  | "refusal"
  /** Any other stop reason (`stop_sequence`, or one this version does not know): not a document. */
  | "unexpected_stop";

/** One API call of the loop, for the run record. */
export interface CallRecord {
  turn: number;
  usage: Usage;
  requestId?: string;
  model: string;
  durationMs: number;
  stopReason: StopReason;
  rawStopReason: string | null;
  attempts: number;
}

export interface ToolCallRecord {
  turn: number;
  name: string;
  input: unknown;
  isError: boolean;
  /** First line of the result, for progress views and logs. */
  summary: string;
}

export interface AgentResult {
  outcome: AgentOutcome;
  /** The final assistant text with one surrounding code fence stripped. */
  text: string;
  /** The whole conversation including the final assistant turn, so a repair request can be appended. */
  messages: Message[];
  calls: CallRecord[];
  toolCalls: ToolCallRecord[];
  turns: number;
  usage: Usage;
  /** The stop reason of the last call, as the API sent it. */
  lastStopReason: string | null;
  refusal?: RefusalDetails;
}

export interface AgentLoopOptions {
  model: LanguageModel;
  /** Everything but the conversation and the tools, which the loop supplies. */
  request: Omit<ModelRequest, "messages" | "tools" | "signal">;
  messages: Message[];
  tools: ToolExecutor;
  /** Model calls allowed, tool turns included. */
  maxTurns: number;
  signal?: AbortSignal;
  onToolCall?: (call: ToolCallRecord) => void;
}

/**
 * A phase as a small agent: call the model; while it asks for tools, run them and send the results
 * back; stop at the first turn that ends (`end_turn`) without a tool call, at any stop reason that
 * cuts the answer short or refuses, or when the turn budget is spent. Each assistant turn goes back
 * into the conversation exactly as returned, thinking blocks first: the API checks their signatures.
 */
export async function runAgentLoop(options: AgentLoopOptions): Promise<AgentResult> {
  const { model, tools, signal } = options;
  const messages: Message[] = [...options.messages];
  const calls: CallRecord[] = [];
  const toolCalls: ToolCallRecord[] = [];
  const finish = (outcome: AgentOutcome, last: ModelResponse | undefined): AgentResult => {
    const raw = (last?.content ?? [])
      .filter((b) => b.type === "text")
      .map((b) => b.text)
      .join("");
    const result: AgentResult = {
      outcome,
      text: outcome === "complete" ? stripCodeFence(raw) : raw,
      messages,
      calls,
      toolCalls,
      turns: calls.length,
      usage: sumUsage(calls.map((c) => c.usage)),
      lastStopReason: last?.rawStopReason ?? null,
    };
    if (last?.refusal) result.refusal = last.refusal;
    return result;
  };

  let last: ModelResponse | undefined;
  for (let turn = 1; turn <= options.maxTurns; turn++) {
    const request: ModelRequest = { ...options.request, messages, tools: tools.definitions };
    if (signal) request.signal = signal;
    last = await model.complete(request);
    calls.push(buildCallRecord(turn, last));
    // An empty assistant turn is invalid in a later request; a repair turn then simply follows the user turn.
    if (last.content.length > 0) messages.push({ role: "assistant", content: last.content });

    const stop = STOP_OUTCOMES[last.stopReason];
    if (stop !== undefined) return finish(stop, last);
    // `pause_turn`: the API paused a long turn; sending the conversation back as it is (the paused
    // assistant turn last) lets the model continue it.
    if (last.stopReason === "pause_turn") continue;
    const uses = last.content.filter((b): b is ToolUseBlock => b.type === "tool_use");
    if (uses.length === 0)
      return finish(last.stopReason === "end_turn" ? "complete" : "unexpected_stop", last);

    const results = await Promise.all(
      uses.map((use) => runTool(tools, use, signal, options.request.phaseId)),
    );
    uses.forEach((use, i) => {
      const result = results[i]!;
      const record: ToolCallRecord = {
        turn,
        name: use.name,
        input: use.input,
        isError: result.isError,
        summary: result.content.split("\n", 1)[0]!.slice(0, 200),
      };
      toolCalls.push(record);
      options.onToolCall?.(record);
    });
    const content: ContentBlock[] = uses.map(
      (use, i): ToolResultBlock => ({
        type: "tool_result",
        toolUseId: use.id,
        content: results[i]!.content,
        isError: results[i]!.isError,
      }),
    );
    messages.push({ role: "user", content });
  }
  return finish("max_turns", last);
}

/** Stop reasons that end the loop without a document, whatever the turn holds. */
const STOP_OUTCOMES: Partial<Record<StopReason, AgentOutcome>> = {
  max_tokens: "max_tokens",
  model_context_window_exceeded: "context_window",
  refusal: "refusal",
  stop_sequence: "unexpected_stop",
  other: "unexpected_stop",
};

async function runTool(
  tools: ToolExecutor,
  use: ToolUseBlock,
  signal: AbortSignal | undefined,
  phaseId: string,
): Promise<ToolOutcome> {
  if (!tools.definitions.some((d) => d.name === use.name)) {
    const known = tools.definitions.map((d) => d.name).join(", ") || "none";
    return { content: `Unknown tool "${use.name}". Available tools: ${known}.`, isError: true };
  }
  try {
    return await tools.execute(use.name, use.input, signal);
  } catch (error) {
    if (signal?.aborted) {
      if (isArcpPlanError(signal.reason)) throw signal.reason;
      throw new ArcpPlanError("interrupted", `phase ${phaseId}: aborted while running ${use.name}`, {
        cause: error,
      });
    }
    // A tool bug must not end the phase: the model gets the error and can try something else.
    const message = error instanceof Error ? error.message : String(error);
    return { content: `${use.name} failed: ${message}`, isError: true };
  }
}

function buildCallRecord(turn: number, response: ModelResponse): CallRecord {
  const record: CallRecord = {
    turn,
    usage: response.usage,
    model: response.model,
    durationMs: response.durationMs,
    stopReason: response.stopReason,
    rawStopReason: response.rawStopReason,
    attempts: response.attempts,
  };
  if (response.requestId !== undefined) record.requestId = response.requestId;
  return record;
}
