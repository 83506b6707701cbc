import type { LintReport } from "../lint/lint-markdown.js";
import type { LanguageModel, Message, ModelRequest } from "../llm/model.js";
import {
  type AgentResult,
  type CallRecord,
  runAgentLoop,
  type ToolCallRecord,
} from "../llm/run-agent-loop.js";
import type { ToolExecutor } from "../llm/tool-executor.js";
import { sumUsage, type Usage } from "../llm/usage.js";
import { buildRepairRequest } from "./build-repair-request.js";
import { CostCapRefusal } from "./cost-cap.js";

export interface LintRound {
  /** 0 for the first answer, then one per repair round. */
  round: number;
  errors: number;
  warnings: number;
}

export type PhaseExecution =
  /** A complete document: `report.errors === 0` means clean, otherwise the best attempt with errors left. */
  | ({ kind: "document"; text: string; report: LintReport; errors: number; rounds: LintRound[] } & Spent)
  /** No usable document: the answer was cut off (max_tokens, context window), the turn budget ran out, or the model refused. */
  | ({ kind: "incomplete"; reason: string; rounds: LintRound[] } & Spent)
  /** A model call failed for good (after retries), or the run was aborted mid-phase. */
  | ({ kind: "error"; error: unknown; rounds: LintRound[] } & Spent);

export interface Spent {
  calls: CallRecord[];
  toolCalls: ToolCallRecord[];
  usage: Usage;
  /** The conversation so far, for the transcript. */
  messages: Message[];
}

export interface ExecutePhaseOptions {
  model: LanguageModel;
  request: Omit<ModelRequest, "messages" | "tools" | "signal">;
  messages: Message[];
  tools: ToolExecutor;
  maxTurns: number;
  maxRepairs: number;
  /** Output path as seen from the SDK checkout, for the repair request. */
  outputViewPath: string;
  lint: (text: string) => LintReport;
  signal: AbortSignal;
  onToolCall?: (call: ToolCallRecord) => void;
  onLint?: (round: LintRound) => void;
}

/**
 * One phase: the agent loop, then lint; while errors remain and repair rounds are left, send the
 * findings back and lint the new answer. Keeps the best attempt (fewest errors, then fewest warnings)
 * and stops early when a round does not reduce the errors.
 */
export async function executePhase(options: ExecutePhaseOptions): Promise<PhaseExecution> {
  const results: AgentResult[] = [];
  const rounds: LintRound[] = [];
  const spent = (): Spent => ({
    calls: results.flatMap((result) => result.calls),
    toolCalls: results.flatMap((result) => result.toolCalls),
    usage: sumUsage(results.map((result) => result.usage)),
    messages: results.at(-1)?.messages ?? options.messages,
  });
  let best: { text: string; report: LintReport; errors: number; warnings: number } | undefined;
  let messages = options.messages;

  for (let round = 0; round <= options.maxRepairs; round++) {
    let result: AgentResult;
    try {
      result = await runAgentLoop({
        model: options.model,
        request: options.request,
        messages,
        tools: options.tools,
        maxTurns: options.maxTurns,
        signal: options.signal,
        ...(options.onToolCall ? { onToolCall: options.onToolCall } : {}),
      });
    } catch (error) {
      // The cost cap refusing a repair round does not cost the complete answer already in hand.
      if (best && error instanceof CostCapRefusal) break;
      return { kind: "error", error, rounds, ...spent() };
    }
    results.push(result);
    if (result.outcome !== "complete") {
      if (best) break; // A failed repair round does not cost the earlier, complete answer.
      return { kind: "incomplete", reason: describeIncomplete(result, options.request), rounds, ...spent() };
    }
    const report = options.lint(result.text);
    const errors = report.messages.filter((message) => message.severity === "error").length;
    const warnings = report.messages.length - errors;
    const lintRound = { round, errors, warnings };
    rounds.push(lintRound);
    options.onLint?.(lintRound);
    const improved = !best || errors < best.errors || (errors === best.errors && warnings < best.warnings);
    const kept = improved || !best ? { text: result.text, report, errors, warnings } : best;
    best = kept;
    const stalled = round > 0 && errors >= (rounds.at(-2)?.errors ?? Number.POSITIVE_INFINITY);
    if (kept.errors === 0 || stalled) break;
    messages = [...result.messages, buildRepairRequest(result.text, report.messages, options.outputViewPath)];
  }
  if (!best) return { kind: "incomplete", reason: "no answer", rounds, ...spent() };
  return { kind: "document", text: best.text, report: best.report, errors: best.errors, rounds, ...spent() };
}

function describeIncomplete(result: AgentResult, request: ExecutePhaseOptions["request"]): string {
  const limit = `max_tokens ${request.maxTokens.toLocaleString("en-US")}`;
  const window =
    request.contextWindow === undefined ? "" : ` of ${request.contextWindow.toLocaleString("en-US")} tokens`;
  switch (result.outcome) {
    case "max_tokens":
      return `the answer hit the output limit (${limit}) after ${result.turns} turn(s) and is cut off, so nothing was written; raise maxTokens in the phase's override file (--prompts DIR) or model.maxTokens (thinking counts toward it), or lower the effort`;
    case "context_window":
      return `the conversation filled ${request.model}'s context window${window} after ${result.turns} turn(s) (stop reason model_context_window_exceeded): the answer is cut off, so nothing was written; lower bundle.budgetTokens or model.maxTurns, or choose a model with a larger window`;
    case "max_turns":
      return `the model was still calling tools after ${result.turns} turns; raise model.maxTurns in the config`;
    case "refusal": {
      const why = result.refusal;
      const detail = why ? [why.category, why.explanation].filter((part) => part !== null).join(": ") : "";
      return `the model refused to answer${detail === "" ? "" : ` (${detail})`}; nothing was written`;
    }
    case "unexpected_stop":
      return `the answer stopped with stop reason ${result.lastStopReason ?? "none"}, which is not a finished turn; nothing was written`;
    default:
      return `the agent loop ended with ${result.outcome}`;
  }
}
