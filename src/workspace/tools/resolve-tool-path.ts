import { realpath, stat } from "node:fs/promises";
import { isAbsolute, relative } from "node:path";
import { type RootName, resolveViewPath, type WorkspaceRoots } from "../view-path.js";
import type { WorkspaceFileIndex } from "./workspace-file-index.js";

export type ToolPath =
  | { ok: true; viewPath: string; absolute: string; root: RootName; kind: "file" | "folder" }
  | { ok: false; reason: string };

/**
 * Maps a path from the model to a real file or folder, refusing anything that leaves the workspace:
 * absolute paths, `..` past the roots, and symlinks whose target lies outside every real root.
 */
export async function resolveToolPath(
  roots: WorkspaceRoots,
  index: WorkspaceFileIndex,
  input: string,
): Promise<ToolPath> {
  const resolved = resolveViewPath(roots, input);
  if (!resolved.ok) return { ok: false, reason: `Refused: ${resolved.reason}.` };
  let real: string;
  try {
    real = await realpath(resolved.absolute);
  } catch {
    return {
      ok: false,
      reason: `No such file or folder: ${resolved.viewPath}. Use list_files to see what exists.`,
    };
  }
  const realRoots = await index.realRoots();
  if (!realRoots.some((root) => isInside(root, real))) {
    return {
      ok: false,
      reason: `Refused: ${resolved.viewPath} resolves (through a symlink) to a place outside the workspace.`,
    };
  }
  const info = await stat(real);
  return {
    ok: true,
    viewPath: resolved.viewPath,
    absolute: resolved.absolute,
    root: resolved.root,
    kind: info.isDirectory() ? "folder" : "file",
  };
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}
