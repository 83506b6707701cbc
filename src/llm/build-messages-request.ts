import {
  type ContentBlock,
  MAX_CACHE_BREAKPOINTS,
  type Message,
  type ModelRequest,
  type TextBlock,
} from "./model.js";
import type { Effort } from "./model-catalog.js";

/**
 * The Messages API body in its wire shape, built from our request. Pure and SDK-free on purpose:
 * `anthropic-model.ts` (the only SDK importer) hands it to the SDK, whose own parameter types check
 * these shapes at compile time (`MessageStreamParams`).
 */
export interface WireCacheControl {
  type: "ephemeral";
  ttl?: "1h";
}
export interface WireTextBlock {
  type: "text";
  text: string;
  cache_control?: WireCacheControl;
}
export interface WireThinkingBlock {
  type: "thinking";
  thinking: string;
  signature: string;
}
export interface WireRedactedThinkingBlock {
  type: "redacted_thinking";
  data: string;
}
export interface WireToolUseBlock {
  type: "tool_use";
  id: string;
  name: string;
  input: unknown;
}
export interface WireToolResultBlock {
  type: "tool_result";
  tool_use_id: string;
  content: string;
  is_error?: boolean;
  cache_control?: WireCacheControl;
}
export type WireContentBlock =
  | WireTextBlock
  | WireThinkingBlock
  | WireRedactedThinkingBlock
  | WireToolUseBlock
  | WireToolResultBlock;
export interface WireMessage {
  role: "user" | "assistant";
  content: WireContentBlock[];
}
export interface WireTool {
  name: string;
  description: string;
  input_schema: { type: "object"; [key: string]: unknown };
}
export interface WireMessagesRequest {
  model: string;
  max_tokens: number;
  system?: WireTextBlock[];
  messages: WireMessage[];
  tools?: WireTool[];
  /** Never `disabled` or a budget: see `thinkingSettingFor`. `tool_choice` is never sent (auto). */
  thinking?: { type: "adaptive" };
  output_config?: { effort: Effort };
}

/** Throws a plain Error for requests the API would reject; these are programming errors, not user errors. */
export function buildMessagesRequest(request: ModelRequest): WireMessagesRequest {
  if (request.messages.length === 0) throw new Error(`phase ${request.phaseId}: a request needs messages`);
  const fixed = [...request.system, ...request.messages.flatMap((m) => m.content)].filter(
    (b) => b.type === "text" && b.cacheBreakpoint === true,
  ).length;
  if (fixed > MAX_CACHE_BREAKPOINTS) {
    throw new Error(
      `phase ${request.phaseId}: ${fixed} cache breakpoints requested, the API allows at most ${MAX_CACHE_BREAKPOINTS}`,
    );
  }
  const moving = request.cacheConversation
    ? movingBreakpoints(request.messages, MAX_CACHE_BREAKPOINTS - fixed)
    : new Set<ContentBlock>();
  const body: WireMessagesRequest = {
    model: request.model,
    max_tokens: request.maxTokens,
    messages: request.messages.map((m) => ({
      role: m.role,
      content: m.content.map((block) => buildContentBlock(block, moving.has(block))),
    })),
  };
  if (request.system.length > 0) body.system = request.system.map((b) => buildTextBlock(b, false));
  if (request.tools.length > 0) {
    body.tools = request.tools.map((t) => ({
      name: t.name,
      description: t.description,
      input_schema: { ...t.inputSchema, type: "object" },
    }));
  }
  if (request.thinking) body.thinking = { type: request.thinking };
  if (request.effort) body.output_config = { effort: request.effort };
  return body;
}

/**
 * The blocks that end the two newest user messages, newest first, within the breakpoints left. The
 * newest one writes the conversation so far; the one before it ends exactly the prompt of the
 * previous call, which that call wrote, so this call reads it whatever lies in between (the API's
 * own look-back only reaches about 20 blocks, which many parallel tool results can pass). Thinking
 * blocks cannot carry a breakpoint, so only user messages are marked.
 */
function movingBreakpoints(messages: readonly Message[], available: number): Set<ContentBlock> {
  const marked = new Set<ContentBlock>();
  for (let i = messages.length - 1; i >= 0 && marked.size < Math.min(2, available); i--) {
    const message = messages[i]!;
    if (message.role !== "user") continue;
    const last = message.content.at(-1);
    if (last === undefined || (last.type === "text" && last.cacheBreakpoint === true)) continue;
    marked.add(last);
  }
  return marked;
}

function cacheControl(block: TextBlock | undefined): WireCacheControl {
  return block?.cacheTtl === "1h" ? { type: "ephemeral", ttl: "1h" } : { type: "ephemeral" };
}

function buildTextBlock(block: TextBlock, moving: boolean): WireTextBlock {
  return block.cacheBreakpoint === true || moving
    ? { type: "text", text: block.text, cache_control: cacheControl(block) }
    : { type: "text", text: block.text };
}

function buildContentBlock(block: ContentBlock, moving: boolean): WireContentBlock {
  switch (block.type) {
    case "text":
      return buildTextBlock(block, moving);
    case "thinking":
      return { type: "thinking", thinking: block.thinking, signature: block.signature };
    case "redacted_thinking":
      return { type: "redacted_thinking", data: block.data };
    case "tool_use":
      return { type: "tool_use", id: block.id, name: block.name, input: block.input };
    case "tool_result": {
      const wire: WireToolResultBlock = {
        type: "tool_result",
        tool_use_id: block.toolUseId,
        content: block.content,
      };
      if (block.isError) wire.is_error = true;
      if (moving) wire.cache_control = { type: "ephemeral" };
      return wire;
    }
  }
}
