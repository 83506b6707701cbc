import * as z from "zod";
import type { WorkspaceRoots } from "../view-path.js";
import { GREP_DESCRIPTION, grepInput, runGrep } from "./grep-tool.js";
import { LIST_FILES_DESCRIPTION, listFilesInput, runListFiles } from "./list-files-tool.js";
import { READ_FILE_DESCRIPTION, readFileInput, runReadFile } from "./read-file-tool.js";
import { DEFAULT_TOOL_LIMITS, type ToolLimits } from "./tool-limits.js";
import { type ToolResult, toolError } from "./tool-result.js";
import { WorkspaceFileIndex } from "./workspace-file-index.js";

/** Same shape as the agent loop's `ToolDefinition` (structural: `workspace/` never imports `llm/`). */
export interface WorkspaceToolDefinition {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

export interface WorkspaceTools {
  definitions: WorkspaceToolDefinition[];
  execute(name: string, input: unknown, signal?: AbortSignal): Promise<ToolResult>;
}

export interface WorkspaceToolsOptions {
  /** Globs over view paths the tools must not show either (config `bundle.exclude` is a good start). */
  exclude?: string[];
  limits?: Partial<ToolLimits>;
}

type Context = Parameters<typeof runReadFile>[1];

interface ToolSpec<Schema extends z.ZodType> {
  description: string;
  schema: Schema;
  run(input: z.infer<Schema>, context: Context): Promise<ToolResult>;
}

function spec<Schema extends z.ZodType>(s: ToolSpec<Schema>): ToolSpec<z.ZodType> {
  return s as unknown as ToolSpec<z.ZodType>;
}

const TOOLS: Record<string, ToolSpec<z.ZodType>> = {
  list_files: spec({ description: LIST_FILES_DESCRIPTION, schema: listFilesInput, run: runListFiles }),
  read_file: spec({ description: READ_FILE_DESCRIPTION, schema: readFileInput, run: runReadFile }),
  grep: spec({ description: GREP_DESCRIPTION, schema: grepInput, run: runGrep }),
};

/**
 * The phases' read-only tools over the workspace (`list_files`, `read_file`, `grep`), paths as seen
 * from the SDK checkout. Every problem (escape attempt, missing or binary file, bad regex, bad
 * arguments) is a result with `isError: true` that explains it, never a throw, so the loop goes on.
 */
export function createWorkspaceTools(
  roots: WorkspaceRoots,
  options: WorkspaceToolsOptions = {},
): WorkspaceTools {
  const context: Context = {
    roots,
    index: new WorkspaceFileIndex(roots, options.exclude ?? []),
    limits: { ...DEFAULT_TOOL_LIMITS, ...options.limits },
  };
  return {
    definitions: Object.entries(TOOLS).map(([name, tool]) => ({
      name,
      description: tool.description,
      inputSchema: buildInputSchema(tool.schema),
    })),
    async execute(name, input, signal) {
      signal?.throwIfAborted();
      const tool = TOOLS[name];
      if (!tool) return toolError(`Unknown tool "${name}". Available: ${Object.keys(TOOLS).join(", ")}.`);
      const parsed = tool.schema.safeParse(input ?? {});
      if (!parsed.success) {
        return toolError(`Invalid input for ${name}:\n${z.prettifyError(parsed.error)}`);
      }
      try {
        return await tool.run(parsed.data, context);
      } catch (error) {
        return toolError(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}

function buildInputSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io: "input" }) as Record<string, unknown>;
  return json;
}
