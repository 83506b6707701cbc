/** A tool's answer; the shape matches the agent loop's `ToolOutcome` without importing `llm/`. */
export interface ToolResult {
  content: string;
  isError: boolean;
}

export function toolOk(content: string): ToolResult {
  return { content, isError: false };
}

export function toolError(content: string): ToolResult {
  return { content, isError: true };
}
