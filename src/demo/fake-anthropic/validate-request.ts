import { type FakeModel, findFakeModel } from "./fake-models.js";
import type { ThinkingLedger } from "./thinking-ledger.js";

/** What the API would refuse before generating anything: status and message as it sends them. */
export interface RequestRejection {
  status: number;
  message: string;
}

export interface AcceptedRequest {
  model: FakeModel;
  /** Whether the model thinks on this request (then every answer starts with signed thinking). */
  thinkingOn: boolean;
}

interface Body {
  model?: unknown;
  max_tokens?: unknown;
  thinking?: { type?: unknown; budget_tokens?: unknown } | null;
  tool_choice?: { type?: unknown } | null;
  output_config?: { effort?: unknown } | null;
  messages?: unknown;
  system?: unknown;
  tools?: unknown;
}

/**
 * The checks the Messages API makes on a request body, in its words: the model exists, `max_tokens`
 * within the model's output limit, a thinking setting the model accepts, no forced tool use while it
 * thinks, effort only where it applies, at most four cache breakpoints with 1-hour entries first,
 * thinking blocks replayed intact, and a prompt within the context window.
 */
export function validateRequest(
  body: Body,
  promptTokens: number,
  extraModels: Readonly<Record<string, FakeModel>>,
  ledger: ThinkingLedger,
): RequestRejection | AcceptedRequest {
  const id = String(body.model);
  const model = findFakeModel(id, extraModels);
  if (!model) return { status: 404, message: `model: ${id}` };
  const maxTokens = Number(body.max_tokens);
  if (maxTokens > model.maxOutput) {
    return {
      status: 400,
      message: `max_tokens: ${maxTokens} > ${model.maxOutput}, which is the maximum allowed number of output tokens for ${id}`,
    };
  }
  const thinking = thinkingOn(id, model, body, maxTokens);
  if (typeof thinking === "string") return { status: 400, message: thinking };
  const forced = body.tool_choice?.type === "any" || body.tool_choice?.type === "tool";
  if (thinking && forced)
    return { status: 400, message: "Thinking may not be enabled when tool_choice forces tool use." };
  if (body.output_config?.effort !== undefined && model.thinking === "extended") {
    return { status: 400, message: `output_config.effort: effort is not supported by ${id}` };
  }
  const breakpoints = cacheControls(body);
  if (breakpoints.length > 4) {
    return {
      status: 400,
      message: `A maximum of 4 blocks with cache_control may be provided. Found ${breakpoints.length}.`,
    };
  }
  const firstShort = breakpoints.findIndex((ttl) => ttl !== "1h");
  if (firstShort !== -1 && breakpoints.slice(firstShort).includes("1h")) {
    return {
      status: 400,
      message: "a cache_control block with ttl='1h' must not come after one with ttl='5m'",
    };
  }
  const replayed = ledger.check(id, Array.isArray(body.messages) ? body.messages : []);
  if (replayed) return { status: 400, message: replayed };
  if (promptTokens > model.contextWindow) {
    return {
      status: 400,
      message: `prompt is too long: ${promptTokens} tokens > ${model.contextWindow} maximum`,
    };
  }
  return { model, thinkingOn: thinking };
}

/** Whether the request thinks, or the 400 message for a setting this model rejects. */
function thinkingOn(id: string, model: FakeModel, body: Body, maxTokens: number): boolean | string {
  const type = body.thinking?.type;
  if (type !== undefined && !["adaptive", "enabled", "disabled"].includes(String(type))) {
    return `thinking.type: Input tag '${String(type)}' found using 'type' does not match any of the expected tags: 'adaptive', 'disabled', 'enabled'`;
  }
  if (type === "enabled") {
    if (model.thinking !== "extended") {
      return `thinking.type: \`enabled\` (a manual budget_tokens) is not supported by ${id}; use \`{"type": "adaptive"}\` and output_config.effort to steer how much it thinks`;
    }
    const budget = Number(body.thinking?.budget_tokens);
    if (!(budget >= 1024 && budget < maxTokens)) {
      return "thinking.enabled.budget_tokens: must be at least 1024 and less than max_tokens";
    }
    return true;
  }
  if (type === "adaptive") {
    if (model.thinking === "extended")
      return `thinking.type: \`adaptive\` is not supported by ${id}; use \`{"type": "enabled", "budget_tokens": N}\``;
    return true;
  }
  if (type === "disabled") {
    if (model.thinking === "always")
      return `thinking.type: \`disabled\` is not supported by ${id}, which always thinks; send \`{"type": "adaptive"}\` or leave \`thinking\` out`;
    return false;
  }
  return model.thinking === "always" || model.thinking === "default-on";
}

/** The `ttl` of every `cache_control` in cache order (tools, system, messages); "5m" when not given. */
function cacheControls(body: Body): string[] {
  const ttls: string[] = [];
  const visit = (block: unknown) => {
    const control = (block as { cache_control?: { ttl?: string } | null } | null)?.cache_control;
    if (control) ttls.push(control.ttl ?? "5m");
  };
  for (const tool of asArray(body.tools)) visit(tool);
  for (const block of asArray(body.system)) visit(block);
  for (const message of asArray(body.messages))
    for (const block of asArray((message as { content?: unknown }).content)) visit(block);
  return ttls;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
