import type { Workspace } from "../workspace/resolve-workspace.js";
import { toViewPath } from "../workspace/view-path.js";

/**
 * The output folder as the model and the user see it: from the SDK checkout ("planning/v1.1"), or its
 * absolute path when `--out` puts it outside the workspace. One answer for the system text, each
 * phase's "Write …" line and the dry run.
 */
export function outputViewDir(workspace: Pick<Workspace, "roots" | "outDir">): string {
  return toViewPath(workspace.roots, workspace.outDir) ?? workspace.outDir;
}
