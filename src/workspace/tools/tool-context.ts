import type { SecretPolicy } from "../secrets/secret-policy.js";
import type { WorkspaceRoots } from "../view-path.js";
import type { ToolLimits } from "./tool-limits.js";
import { type ToolResult, toolError } from "./tool-result.js";
import type { WorkspaceFileIndex } from "./workspace-file-index.js";

/** What every tool works with: the roots, the listing, the bounds and the secret policy. */
export interface ToolContext {
  roots: WorkspaceRoots;
  index: WorkspaceFileIndex;
  limits: ToolLimits;
  secrets: SecretPolicy;
  /** Redacts text a tool read from the workspace, counting what it replaced for the run summary. */
  redact(text: string): string;
}

/**
 * The answer for a file withheld as a secret (by its name, or by the name of the file a symlink
 * points to), or undefined when the path is not withheld. Said plainly, so the model stops asking.
 */
export async function withheldFileError(
  context: ToolContext,
  viewPath: string,
): Promise<ToolResult | undefined> {
  const kind = context.secrets.withheldKind(viewPath) ?? (await context.index.withheldKind(viewPath));
  if (kind === undefined) return undefined;
  return toolError(
    `${viewPath} is withheld: it looks like a secret (${kind}), and arcp-plan never sends secret files to the model. Plan without its content.`,
  );
}
