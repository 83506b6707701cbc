import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Workspace } from "./resolve-workspace.js";
import { detectSdkLanguage, isSourceFile } from "./sdk-language-profiles.js";
import { listWorkspaceFiles } from "./workspace-files.js";
import { isSkippedFolder } from "./workspace-skip-rules.js";

export interface WorkspaceFacts {
  /** Folder names under the reference's `examples/`, sorted. */
  referenceExamples: string[];
  /** Folder names under the reference's `packages/middleware/`, sorted. */
  referenceMiddleware: string[];
  /** View paths of the SDK's source modules (e.g. `src/arcp/client.py`), sorted. */
  sdkModules: string[];
  /** "python", "rust", "go", "java/kotlin", "ruby", "csharp", "swift", "typescript" or "unknown". */
  sdkLanguage: string;
}

/**
 * What the workspace actually holds, counted on disk. The linter and `doctor` compare these with what
 * the bootstrap asserts ("the 18 examples", six middleware folders) instead of trusting either side.
 */
export async function readWorkspaceFacts(workspace: Workspace): Promise<WorkspaceFacts> {
  const { sdk, reference } = workspace.roots;
  const [referenceExamples, referenceMiddleware, topLevel] = await Promise.all([
    listFolders(join(reference, "examples")),
    listFolders(join(reference, "packages", "middleware")),
    listFileNames(sdk),
  ]);
  const profile = detectSdkLanguage(topLevel);
  const sdkModules =
    profile === undefined
      ? []
      : (
          await listWorkspaceFiles(
            { sdk, spec: sdk, reference: sdk },
            { exclude: workspace.config.bundle?.exclude },
          )
        )
          .map((file) => file.viewPath)
          .filter((viewPath) => isSourceFile(profile, viewPath));
  return { referenceExamples, referenceMiddleware, sdkModules, sdkLanguage: profile?.language ?? "unknown" };
}

async function listFolders(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && !isSkippedFolder(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

async function listFileNames(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
}
