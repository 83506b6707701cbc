import type { FakeBlock, FakeReply, StopReasonName } from "./fake-reply.js";
import type { CacheUsage } from "./prompt-cache.js";
import { estimateTokens } from "./prompt-cache.js";

/** Wire shapes the real API sends (see the SDK's `resources/messages/messages.d.ts`). */
export type WireBlock =
  | { type: "text"; text: string; citations: null }
  | { type: "tool_use"; id: string; name: string; input: unknown; caller: { type: "direct" } };

export interface WireMessage {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: WireBlock[];
  stop_reason: StopReasonName | null;
  stop_sequence: null;
  stop_details: null;
  container: null;
  diagnostics: null;
  usage: Record<string, unknown>;
}

export interface SseEvent {
  event: string;
  data: unknown;
}

export interface BuiltReply {
  message: WireMessage;
  events: SseEvent[];
}

/**
 * Turns a scripted reply into the complete message (non-streaming answer) and the real SSE event
 * sequence: message_start, ping, per block content_block_start / _delta... / _stop, message_delta
 * (stop_reason, cumulative usage), message_stop. Content longer than the request's `max_tokens` is
 * cut and the stop reason becomes `max_tokens`, as the API does.
 */
export function buildReplyEvents(
  reply: FakeReply,
  request: { model: string; maxTokens: number },
  ids: { messageId: string; nextToolId: () => string },
  cache: CacheUsage,
  chunkChars: number,
): BuiltReply {
  const blocks = toBlocks(reply.content);
  const { kept, truncated } = fitToMaxTokens(blocks, request.maxTokens);
  const content: WireBlock[] = kept.map((b) =>
    b.type === "text"
      ? { type: "text", text: b.text, citations: null }
      : {
          type: "tool_use",
          id: b.id ?? ids.nextToolId(),
          name: b.name,
          input: b.input,
          caller: { type: "direct" },
        },
  );
  const stopReason: StopReasonName =
    reply.stopReason ??
    (truncated ? "max_tokens" : content.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn");
  const outputTokens =
    reply.outputTokens ?? Math.max(estimateTokens(outputChars(kept)), kept.length > 0 ? 1 : 0);
  const fullUsage = {
    ...cache,
    cache_creation: {
      ephemeral_5m_input_tokens: cache.cache_creation_input_tokens,
      ephemeral_1h_input_tokens: 0,
    },
    output_tokens: outputTokens,
    service_tier: "standard",
    inference_geo: null,
    server_tool_use: null,
    output_tokens_details: null,
    speed: null,
  };
  const base = {
    id: ids.messageId,
    type: "message" as const,
    role: "assistant" as const,
    model: reply.model ?? request.model,
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
  };
  const message: WireMessage = { ...base, content, stop_reason: stopReason, usage: fullUsage };

  const events: SseEvent[] = [
    {
      event: "message_start",
      data: {
        type: "message_start",
        message: { ...base, content: [], stop_reason: null, usage: { ...fullUsage, output_tokens: 1 } },
      },
    },
    { event: "ping", data: { type: "ping" } },
  ];
  content.forEach((block, index) => {
    if (block.type === "text") {
      events.push({
        event: "content_block_start",
        data: { type: "content_block_start", index, content_block: { ...block, text: "" } },
      });
      for (const piece of chunk(block.text, chunkChars)) {
        events.push({
          event: "content_block_delta",
          data: { type: "content_block_delta", index, delta: { type: "text_delta", text: piece } },
        });
      }
    } else {
      events.push({
        event: "content_block_start",
        data: { type: "content_block_start", index, content_block: { ...block, input: {} } },
      });
      for (const piece of chunk(JSON.stringify(block.input), chunkChars)) {
        events.push({
          event: "content_block_delta",
          data: {
            type: "content_block_delta",
            index,
            delta: { type: "input_json_delta", partial_json: piece },
          },
        });
      }
    }
    events.push({ event: "content_block_stop", data: { type: "content_block_stop", index } });
  });
  events.push({
    event: "message_delta",
    data: {
      type: "message_delta",
      delta: { stop_reason: stopReason, stop_sequence: null, stop_details: null, container: null },
      usage: { ...cache, output_tokens: outputTokens, server_tool_use: null, output_tokens_details: null },
    },
  });
  events.push({ event: "message_stop", data: { type: "message_stop" } });
  return { message, events };
}

function toBlocks(content: FakeReply["content"]): FakeBlock[] {
  if (content === undefined) return [];
  return typeof content === "string" ? [{ type: "text", text: content }] : content;
}

function outputChars(blocks: FakeBlock[]): number {
  return blocks.reduce(
    (n, b) => n + (b.type === "text" ? b.text.length : JSON.stringify(b.input).length + b.name.length),
    0,
  );
}

function fitToMaxTokens(blocks: FakeBlock[], maxTokens: number): { kept: FakeBlock[]; truncated: boolean } {
  let budget = maxTokens * 4;
  const kept: FakeBlock[] = [];
  for (const block of blocks) {
    const size =
      block.type === "text" ? block.text.length : JSON.stringify(block.input).length + block.name.length;
    if (size <= budget) {
      kept.push(block);
      budget -= size;
      continue;
    }
    if (block.type === "text" && budget > 0) kept.push({ type: "text", text: block.text.slice(0, budget) });
    return { kept, truncated: true };
  }
  return { kept, truncated: false };
}

function chunk(text: string, size: number): string[] {
  if (text === "") return [];
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}
