/**
 * The small model interface the pipeline depends on. Our own vocabulary: the Anthropic adapter maps
 * the SDK's wire shapes (snake_case, stop reasons, usage fields) to these types at its edge, so a
 * test double or another provider only has to implement `LanguageModel`.
 */
import type { Usage } from "./usage.js";

export interface TextBlock {
  type: "text";
  text: string;
  /** Ends a cacheable prefix here (`cache_control: {type: "ephemeral"}`); at most 4 per request. */
  cacheBreakpoint?: boolean;
}

export interface ToolUseBlock {
  type: "tool_use";
  id: string;
  name: string;
  input: unknown;
}

export interface ToolResultBlock {
  type: "tool_result";
  toolUseId: string;
  content: string;
  isError: boolean;
}

export type ContentBlock = TextBlock | ToolUseBlock | ToolResultBlock;

export interface Message {
  role: "user" | "assistant";
  content: ContentBlock[];
}

export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the tool's input object. */
  inputSchema: Record<string, unknown>;
}

export type StopReason =
  | "end_turn"
  | "tool_use"
  | "max_tokens"
  | "stop_sequence"
  | "refusal"
  | "pause_turn"
  /** Anything this version does not know (e.g. a context-window stop); see `rawStopReason`. */
  | "other";

/** Progress signals while a response streams; `first-event` fires once per call. */
export type ModelStreamEvent =
  | { type: "first-event" }
  | { type: "text"; chars: number }
  /** A started stream failed or stalled and the whole call is being sent again. */
  | { type: "retry"; attempt: number; reason: string };

export interface ModelRequest {
  /** Phase id: sent as the `x-arcp-plan-phase` header and named in every error. */
  phaseId: string;
  model: string;
  maxTokens: number;
  system: TextBlock[];
  messages: Message[];
  tools: ToolDefinition[];
  signal?: AbortSignal;
  onStreamEvent?: (event: ModelStreamEvent) => void;
  /**
   * Called once, before the call throws, when it fails or is interrupted after the API reported usage
   * (a stream that had started): the tokens billed with no answer to show for them.
   */
  onUnansweredUsage?: (usage: Usage) => void;
}

export interface ModelResponse {
  content: (TextBlock | ToolUseBlock)[];
  stopReason: StopReason;
  /** The provider's stop reason as sent, for messages and records. */
  rawStopReason: string | null;
  /** Tokens of the completed attempt plus whatever abandoned attempts (stream retries) reported. */
  usage: Usage;
  requestId?: string;
  /** Model that answered, as reported by the API. */
  model: string;
  durationMs: number;
  /** 1 unless a started stream failed or stalled and the call was sent again. */
  attempts: number;
}

export interface LanguageModel {
  complete(request: ModelRequest): Promise<ModelResponse>;
}

/** At most this many cache breakpoints per request (an API limit). */
export const MAX_CACHE_BREAKPOINTS = 4;

/** Counts the breakpoints a request asks for; callers validate against `MAX_CACHE_BREAKPOINTS`. */
export function countCacheBreakpoints(request: Pick<ModelRequest, "system" | "messages">): number {
  const blocks = [...request.system, ...request.messages.flatMap((m) => m.content)];
  return blocks.filter((b) => b.type === "text" && b.cacheBreakpoint === true).length;
}
