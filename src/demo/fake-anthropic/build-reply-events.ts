import type { FakeBlock, FakeReply, StopReasonName } from "./fake-reply.js";
import type { CacheUsage } from "./prompt-cache.js";
import { estimateTokens } from "./prompt-cache.js";

/** Wire shapes the real API sends (see the SDK's `resources/messages/messages.d.ts`). */
export type WireBlock =
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "redacted_thinking"; data: string }
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
  stop_details: { type: "refusal"; category: string | null; explanation: string | null } | null;
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
  /** Leading thinking blocks of `message.content`. */
  thinkingBlocks: number;
}

export interface ReplyContext {
  model: string;
  maxTokens: number;
  /** Output tokens left before the prompt fills the model's context window. */
  windowLeft: number;
  /** When set, the answer starts with thinking signed by these functions. */
  thinking?: { sign: (text: string) => string; redactedData: () => string };
  messageId: string;
  nextToolId: () => string;
  cache: CacheUsage;
  chunkChars: number;
}

type OutBlock = FakeBlock | { type: "thinking"; text: string } | { type: "redacted_thinking" };

/**
 * Turns a scripted reply into the complete message (non-streaming answer) and the real SSE event
 * sequence: message_start, ping, per block content_block_start / _delta... / _stop (thinking streams
 * as thinking_delta then signature_delta), message_delta (stop_reason, stop_details, cumulative
 * usage), message_stop. Output longer than `max_tokens`, or than the context window leaves, is cut
 * with stop reason `max_tokens` or `model_context_window_exceeded`, as the API does.
 */
export function buildReplyEvents(reply: FakeReply, ctx: ReplyContext): BuiltReply {
  const planned = withThinking(toBlocks(reply.content), reply, ctx);
  const budget = Math.max(0, Math.min(ctx.maxTokens, ctx.windowLeft));
  const { kept, truncated } = fitToTokens(planned, budget);
  const content: WireBlock[] = kept.map((b) => toWire(b, ctx));
  const cutBy = ctx.windowLeft < ctx.maxTokens ? "model_context_window_exceeded" : "max_tokens";
  const stopReason: StopReasonName =
    reply.stopReason ??
    (truncated ? cutBy : content.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn");
  const thinkingChars = kept.reduce((n, b) => n + (b.type === "thinking" ? b.text.length : 0), 0);
  const outputTokens = reply.outputTokens ?? Math.max(estimateTokens(sizeOf(kept)), kept.length > 0 ? 1 : 0);
  const details = { thinking_tokens: estimateTokens(thinkingChars) };
  const fullUsage = {
    ...ctx.cache,
    output_tokens: outputTokens,
    service_tier: "standard",
    inference_geo: null,
    server_tool_use: null,
    output_tokens_details: details,
    speed: null,
  };
  const stopDetails = reply.refusal ? { type: "refusal" as const, ...reply.refusal } : null;
  const base = {
    id: ctx.messageId,
    type: "message" as const,
    role: "assistant" as const,
    model: reply.model ?? ctx.model,
    stop_sequence: null,
    container: null,
    diagnostics: null,
  };
  const message: WireMessage = {
    ...base,
    content,
    stop_reason: stopReason,
    stop_details: stopDetails,
    usage: fullUsage,
  };
  const events: SseEvent[] = [
    {
      event: "message_start",
      data: {
        type: "message_start",
        message: {
          ...base,
          content: [],
          stop_reason: null,
          stop_details: null,
          usage: { ...fullUsage, output_tokens: 1, output_tokens_details: null },
        },
      },
    },
    { event: "ping", data: { type: "ping" } },
  ];
  for (const [index, block] of content.entries()) events.push(...blockEvents(block, index, ctx.chunkChars));
  const { cache_creation: _split, ...cumulative } = ctx.cache;
  events.push({
    event: "message_delta",
    data: {
      type: "message_delta",
      delta: { stop_reason: stopReason, stop_sequence: null, stop_details: stopDetails, container: null },
      usage: {
        ...cumulative,
        output_tokens: outputTokens,
        server_tool_use: null,
        output_tokens_details: details,
      },
    },
  });
  events.push({ event: "message_stop", data: { type: "message_stop" } });
  const thinkingBlocks = content.findIndex((b) => b.type !== "thinking" && b.type !== "redacted_thinking");
  return { message, events, thinkingBlocks: thinkingBlocks === -1 ? content.length : thinkingBlocks };
}

/**
 * With thinking on, the answer starts with the model's thinking; text before the first tool call
 * moves into it, as today's models return it.
 */
function withThinking(blocks: FakeBlock[], reply: FakeReply, ctx: ReplyContext): OutBlock[] {
  if (!ctx.thinking) return blocks;
  if (typeof reply.thinking === "object") return [{ type: "redacted_thinking" }, ...blocks];
  const firstTool = blocks.findIndex((b) => b.type === "tool_use");
  const preamble = firstTool > 0 ? blocks.slice(0, firstTool).filter((b) => b.type === "text") : [];
  const rest = preamble.length > 0 ? blocks.slice(firstTool) : blocks;
  const text =
    reply.thinking ??
    (preamble.length > 0
      ? preamble.map((b) => (b.type === "text" ? b.text : "")).join("\n")
      : `The request asks for ${rest.some((b) => b.type === "tool_use") ? "facts from the workspace first" : "the document itself"}; checking what it needs before answering.`);
  return [{ type: "thinking", text }, ...rest];
}

function toWire(block: OutBlock, ctx: ReplyContext): WireBlock {
  switch (block.type) {
    case "thinking":
      return { type: "thinking", thinking: block.text, signature: ctx.thinking!.sign(block.text) };
    case "redacted_thinking":
      return { type: "redacted_thinking", data: ctx.thinking!.redactedData() };
    case "text":
      return { type: "text", text: block.text, citations: null };
    case "tool_use":
      return {
        type: "tool_use",
        id: block.id ?? ctx.nextToolId(),
        name: block.name,
        input: block.input,
        caller: { type: "direct" },
      };
  }
}

function blockEvents(block: WireBlock, index: number, chunkChars: number): SseEvent[] {
  const start = (content_block: unknown): SseEvent => ({
    event: "content_block_start",
    data: { type: "content_block_start", index, content_block },
  });
  const delta = (payload: unknown): SseEvent => ({
    event: "content_block_delta",
    data: { type: "content_block_delta", index, delta: payload },
  });
  const events: SseEvent[] = [];
  if (block.type === "thinking") {
    events.push(start({ type: "thinking", thinking: "", signature: "" }));
    for (const piece of chunk(block.thinking, chunkChars))
      events.push(delta({ type: "thinking_delta", thinking: piece }));
    events.push(delta({ type: "signature_delta", signature: block.signature }));
  } else if (block.type === "redacted_thinking") {
    events.push(start(block));
  } else if (block.type === "text") {
    events.push(start({ ...block, text: "" }));
    for (const piece of chunk(block.text, chunkChars))
      events.push(delta({ type: "text_delta", text: piece }));
  } else {
    events.push(start({ ...block, input: {} }));
    for (const piece of chunk(JSON.stringify(block.input), chunkChars)) {
      events.push(delta({ type: "input_json_delta", partial_json: piece }));
    }
  }
  events.push({ event: "content_block_stop", data: { type: "content_block_stop", index } });
  return events;
}

function toBlocks(content: FakeReply["content"]): FakeBlock[] {
  if (content === undefined || content === "") return [];
  return typeof content === "string" ? [{ type: "text", text: content }] : content;
}

function blockSize(block: OutBlock): number {
  if (block.type === "text" || block.type === "thinking") return block.text.length;
  if (block.type === "redacted_thinking") return 400;
  return JSON.stringify(block.input).length + block.name.length;
}

function sizeOf(blocks: OutBlock[]): number {
  return blocks.reduce((n, b) => n + blockSize(b), 0);
}

/** Keeps what fits in `tokens` (characters / 4); a text or thinking block that does not fit is cut. */
function fitToTokens(blocks: OutBlock[], tokens: number): { kept: OutBlock[]; truncated: boolean } {
  let budget = tokens * 4;
  const kept: OutBlock[] = [];
  for (const block of blocks) {
    const size = blockSize(block);
    if (size <= budget) {
      kept.push(block);
      budget -= size;
      continue;
    }
    if ((block.type === "text" || block.type === "thinking") && budget > 0) {
      kept.push({ ...block, text: block.text.slice(0, budget) });
    }
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
