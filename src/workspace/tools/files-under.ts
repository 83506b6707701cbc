import type { WorkspaceFile } from "../workspace-files.js";

/** Listed files at or below a view path ("." is the SDK checkout without the two sibling roots). */
export function filesUnder(files: readonly WorkspaceFile[], viewPath: string): WorkspaceFile[] {
  if (viewPath === ".") return files.filter((f) => f.root === "sdk");
  const prefix = `${viewPath}/`;
  return files.filter((f) => f.viewPath === viewPath || f.viewPath.startsWith(prefix));
}
