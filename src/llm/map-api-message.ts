import type { AssistantBlock, ModelResponse, RefusalDetails, StopReason } from "./model.js";
import type { Usage } from "./usage.js";

/**
 * The API's answer in the few fields we read, typed structurally so this mapping stays SDK-free and
 * testable; the SDK's `Message` and `Usage` satisfy these shapes (checked where the adapter passes them).
 */
export interface ApiBlockShape {
  type: string;
  text?: string;
  thinking?: string;
  signature?: string;
  data?: string;
  id?: string;
  name?: string;
  input?: unknown;
}
export interface ApiUsageShape {
  input_tokens: number;
  cache_creation_input_tokens: number | null;
  cache_read_input_tokens: number | null;
  cache_creation?: { ephemeral_1h_input_tokens: number; ephemeral_5m_input_tokens: number } | null;
  output_tokens: number;
  output_tokens_details?: { thinking_tokens: number } | null;
}
export interface ApiDeltaUsageShape {
  input_tokens: number | null;
  cache_creation_input_tokens: number | null;
  cache_read_input_tokens: number | null;
  output_tokens: number;
  output_tokens_details: { thinking_tokens: number } | null;
}
export interface ApiMessageShape {
  content: readonly ApiBlockShape[];
  stop_reason: string | null;
  stop_details: { type: string; category?: string | null; explanation?: string | null } | null;
  usage: ApiUsageShape;
  model: string;
}

const STOP_REASONS: ReadonlySet<string> = new Set<StopReason>([
  "end_turn",
  "tool_use",
  "max_tokens",
  "stop_sequence",
  "refusal",
  "pause_turn",
  "model_context_window_exceeded",
]);

export function mapStopReason(raw: string | null): StopReason {
  return raw !== null && STOP_REASONS.has(raw) ? (raw as StopReason) : "other";
}

/** The assistant turn in our vocabulary, thinking blocks kept verbatim and in place. Server-tool blocks are dropped (no phase uses them). */
export function mapContent(blocks: readonly ApiBlockShape[]): AssistantBlock[] {
  return blocks.flatMap((block): AssistantBlock[] => {
    switch (block.type) {
      case "text":
        return [{ type: "text", text: block.text ?? "" }];
      case "thinking":
        return [{ type: "thinking", thinking: block.thinking ?? "", signature: block.signature ?? "" }];
      case "redacted_thinking":
        return [{ type: "redacted_thinking", data: block.data ?? "" }];
      case "tool_use":
        return [{ type: "tool_use", id: block.id ?? "", name: block.name ?? "", input: block.input }];
      default:
        return [];
    }
  });
}

export function mapUsage(usage: ApiUsageShape): Usage {
  return {
    inputTokens: usage.input_tokens,
    cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
    cacheWrite1hTokens: usage.cache_creation?.ephemeral_1h_input_tokens ?? 0,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
    outputTokens: usage.output_tokens,
    thinkingTokens: usage.output_tokens_details?.thinking_tokens ?? 0,
  };
}

/** `message_delta` usage fields are cumulative totals, present only when they apply. */
export function mergeDeltaUsage(usage: Usage, delta: ApiDeltaUsageShape): Usage {
  return {
    inputTokens: delta.input_tokens ?? usage.inputTokens,
    cacheWriteTokens: delta.cache_creation_input_tokens ?? usage.cacheWriteTokens,
    cacheWrite1hTokens: usage.cacheWrite1hTokens,
    cacheReadTokens: delta.cache_read_input_tokens ?? usage.cacheReadTokens,
    outputTokens: delta.output_tokens,
    thinkingTokens: delta.output_tokens_details?.thinking_tokens ?? usage.thinkingTokens,
  };
}

function mapRefusal(details: ApiMessageShape["stop_details"]): RefusalDetails | undefined {
  if (details?.type !== "refusal") return undefined;
  return { category: details.category ?? null, explanation: details.explanation ?? null };
}

/** The response of a completed call; `usage` is the answered attempt's plus what abandoned attempts billed. */
export function mapMessage(
  message: ApiMessageShape,
  extra: Pick<ModelResponse, "requestId" | "durationMs" | "attempts"> & { billed: Usage },
): ModelResponse {
  const response: ModelResponse = {
    content: mapContent(message.content),
    stopReason: mapStopReason(message.stop_reason),
    rawStopReason: message.stop_reason,
    usage: extra.billed,
    model: message.model,
    durationMs: extra.durationMs,
    attempts: extra.attempts,
  };
  const refusal = mapRefusal(message.stop_details);
  if (refusal) response.refusal = refusal;
  if (extra.requestId !== undefined) response.requestId = extra.requestId;
  return response;
}
