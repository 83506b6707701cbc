import type { WireBlock } from "./build-reply-events.js";
import type { CacheUsage } from "./prompt-cache.js";

/** What the fake server logs about each request it received (see `FakeAnthropicServer.requests`). */
export interface FakeRequestBody {
  model: string;
  max_tokens: number;
  stream?: boolean;
  system?: string | { type: string; text: string; cache_control?: unknown }[];
  messages: { role: string; content: string | Record<string, unknown>[] }[];
  tools?: { name: string; description?: string; input_schema: unknown; cache_control?: unknown }[];
  [key: string]: unknown;
}

export type RequestOutcome =
  | "ok"
  | "no-script"
  /** Refused as the API refuses it (a 400/404 with its message; see `error`). */
  | "bad-request"
  | "unauthorized"
  | "fault:http"
  | "fault:error-event"
  | "fault:stall"
  | "fault:drop"
  | "fault:truncate"
  /** The client closed the connection before the reply was complete (abort, idle watchdog). */
  | "client-closed";

export interface RecordedRequest {
  index: number;
  method: string;
  path: string;
  phaseId: string | undefined;
  /** Lower-case names; `x-api-key` and `authorization` are left out (see `apiKeyPresent`). */
  headers: Record<string, string>;
  apiKeyPresent: boolean;
  body: FakeRequestBody;
  stream: boolean;
  requestId: string;
  /** Milliseconds since the server started. */
  arrivedAtMs: number;
  firstEventAtMs?: number;
  endedAtMs?: number;
  status?: number;
  outcome?: RequestOutcome;
  /** The error message sent, for a refused request. */
  error?: string;
  usage?: CacheUsage & { output_tokens: number; thinking_tokens: number };
  /** The assistant content sent back, for comparing with what later requests replay. */
  reply?: WireBlock[];
}
