import {
  type ContentBlock,
  countCacheBreakpoints,
  MAX_CACHE_BREAKPOINTS,
  type ModelRequest,
  type TextBlock,
} from "./model.js";

/**
 * The Messages API body in its wire shape, built from our request. Pure and SDK-free on purpose:
 * `anthropic-model.ts` (the only SDK importer) hands it to the SDK, whose own parameter types check
 * these shapes at compile time.
 */
export interface WireTextBlock {
  type: "text";
  text: string;
  cache_control?: { type: "ephemeral" };
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
}
export type WireContentBlock = WireTextBlock | WireToolUseBlock | WireToolResultBlock;
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
}

/** Throws a plain Error for requests the API would reject; these are programming errors, not user errors. */
export function buildMessagesRequest(request: ModelRequest): WireMessagesRequest {
  const breakpoints = countCacheBreakpoints(request);
  if (breakpoints > MAX_CACHE_BREAKPOINTS) {
    throw new Error(
      `phase ${request.phaseId}: ${breakpoints} cache breakpoints requested, the API allows at most ${MAX_CACHE_BREAKPOINTS}`,
    );
  }
  if (request.messages.length === 0) throw new Error(`phase ${request.phaseId}: a request needs messages`);
  const body: WireMessagesRequest = {
    model: request.model,
    max_tokens: request.maxTokens,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content.map(buildContentBlock) })),
  };
  if (request.system.length > 0) body.system = request.system.map(buildTextBlock);
  if (request.tools.length > 0) {
    body.tools = request.tools.map((t) => ({
      name: t.name,
      description: t.description,
      input_schema: { ...t.inputSchema, type: "object" },
    }));
  }
  return body;
}

function buildTextBlock(block: TextBlock): WireTextBlock {
  return block.cacheBreakpoint === true
    ? { type: "text", text: block.text, cache_control: { type: "ephemeral" } }
    : { type: "text", text: block.text };
}

function buildContentBlock(block: ContentBlock): WireContentBlock {
  switch (block.type) {
    case "text":
      return buildTextBlock(block);
    case "tool_use":
      return { type: "tool_use", id: block.id, name: block.name, input: block.input };
    case "tool_result":
      return block.isError
        ? { type: "tool_result", tool_use_id: block.toolUseId, content: block.content, is_error: true }
        : { type: "tool_result", tool_use_id: block.toolUseId, content: block.content };
  }
}
