import * as z from "zod";
import { addRedactionCounts, type RedactionCounts } from "../secrets/redact-secrets.js";
import { buildSecretPolicy, type SecretPolicy } from "../secrets/secret-policy.js";
import type { WorkspaceRoots } from "../view-path.js";
import { GREP_DESCRIPTION, grepInput, runGrep } from "./grep-tool.js";
import { LIST_FILES_DESCRIPTION, listFilesInput, runListFiles } from "./list-files-tool.js";
import { READ_FILE_DESCRIPTION, readFileInput, runReadFile } from "./read-file-tool.js";
import type { ToolContext } from "./tool-context.js";
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
  /** Credential-shaped strings replaced so far in what the tools read, by kind (for the run summary). */
  redactions(): RedactionCounts;
}

export interface WorkspaceToolsOptions {
  /** Globs over view paths the tools must not show either (config `bundle.exclude` is a good start). */
  exclude?: string[];
  limits?: Partial<ToolLimits>;
  /** The run's secret policy; the built-in rules when absent (never none). */
  secrets?: SecretPolicy;
}

type Context = ToolContext;

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
 * Files withheld as secrets are answered with an error saying so; every result is redacted (the
 * tools redact what they read, and the result as a whole once more) before it goes back to the model.
 */
export function createWorkspaceTools(
  roots: WorkspaceRoots,
  options: WorkspaceToolsOptions = {},
): WorkspaceTools {
  const secrets = options.secrets ?? buildSecretPolicy();
  const redactions: RedactionCounts = {};
  const redact = (text: string): string => {
    const redacted = secrets.redact(text);
    addRedactionCounts(redactions, redacted.counts);
    return redacted.text;
  };
  const context: Context = {
    roots,
    index: new WorkspaceFileIndex(roots, options.exclude ?? [], secrets),
    limits: { ...DEFAULT_TOOL_LIMITS, ...options.limits },
    secrets,
    redact,
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
      let result: ToolResult;
      try {
        result = await tool.run(parsed.data, context);
      } catch (error) {
        result = toolError(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      return { ...result, content: redact(result.content) };
    },
    redactions: () => ({ ...redactions }),
  };
}

function buildInputSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io: "input" }) as Record<string, unknown>;
  return json;
}
