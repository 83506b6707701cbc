import type { ToolDefinition } from "./model.js";

/** What a tool call produced; `isError` results go back to the model as `is_error: true`. */
export interface ToolOutcome {
  content: string;
  isError: boolean;
}

/**
 * Tools offered to the model, injected into the agent loop so `llm/` never depends on `workspace/`
 * (the workspace's read-only tools satisfy this shape structurally).
 */
export interface ToolExecutor {
  definitions: ToolDefinition[];
  execute(name: string, input: unknown, signal?: AbortSignal): Promise<ToolOutcome>;
}
