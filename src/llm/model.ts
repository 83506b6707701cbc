/**
 * The small model interface the pipeline depends on. Our own vocabulary: the Anthropic adapter maps
 * the SDK's wire shapes (snake_case, stop reasons, usage fields) to these types at its edge, so a
 * test double or another provider only has to implement `LanguageModel`.
 */
import type { Effort } from "./model-catalog.js";
import type { Usage } from "./usage.js";

export interface TextBlock {
  type: "text";
  text: string;
  /** Ends a cacheable prefix here (`cache_control: {type: "ephemeral"}`); at most 4 per request. */
  cacheBreakpoint?: boolean;
  /** With `cacheBreakpoint`: keep the entry an hour instead of five minutes (written at the 1-hour rate). */
  cacheTtl?: "1h";
}

/**
 * The model's reasoning, returned before its text and tool calls. Opaque to us: sent back unchanged
 * (signature included) and first in the assistant turn, in every later request of the conversation.
 */
export interface ThinkingBlock {
  type: "thinking";
  thinking: string;
  signature: string;
}

/** Thinking the API returned encrypted; replayed like a `ThinkingBlock`. */
export interface RedactedThinkingBlock {
  type: "redacted_thinking";
  data: string;
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

/** What an assistant turn holds, in the order the API returned it (thinking first). */
export type AssistantBlock = ThinkingBlock | RedactedThinkingBlock | TextBlock | ToolUseBlock;

export type ContentBlock = AssistantBlock | ToolResultBlock;

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
  /** The conversation filled the model's context window: the answer is cut off. */
  | "model_context_window_exceeded"
  /** Anything this version does not know; see `rawStopReason`. */
  | "other";

/** Why the model refused (the API's `stop_details` with a `refusal` stop reason). */
export interface RefusalDetails {
  category: string | null;
  explanation: string | null;
}

/** Progress signals while a response streams; `first-event` fires once per call. */
export type ModelStreamEvent =
  | { type: "first-event" }
  | { type: "text"; chars: number }
  /** A started stream failed or stalled and the whole call is being sent again. */
  | { type: "retry"; attempt: number; reason: string; delayMs: number };

export interface ModelRequest {
  /** Phase id: sent as the `x-arcp-plan-phase` header and named in every error. */
  phaseId: string;
  model: string;
  maxTokens: number;
  /** Sent as `thinking: {type: "adaptive"}`; left out otherwise (see `thinkingSettingFor`). */
  thinking?: "adaptive";
  /** Sent as `output_config.effort`; only for models that take it. */
  effort?: Effort;
  /**
   * Moves a cache breakpoint to the newest user message (and keeps one on the one before), so each
   * tool turn and repair reads the conversation so far from the cache. Off only to measure it.
   */
  cacheConversation?: boolean;
  /** The model's context window: the prompt is checked against it before the call is sent. */
  contextWindow?: number;
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
  /**
   * Awaited before each whole-call retry with the tokens the abandoned attempts billed so far; a
   * rejection stops the retries and fails the call with it (the cost cap uses this: every attempt of
   * a call must fit, not only the first).
   */
  beforeRetry?: (billedSoFar: Usage) => Promise<void>;
}

export interface ModelResponse {
  /** The assistant turn as returned, thinking blocks included, to be sent back unchanged. */
  content: AssistantBlock[];
  stopReason: StopReason;
  /** The provider's stop reason as sent, for messages and records. */
  rawStopReason: string | null;
  /** With stop reason `refusal`: the category and explanation, when the API gave them. */
  refusal?: RefusalDetails;
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
