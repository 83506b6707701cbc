import { readdir } from "node:fs/promises";
import { isAbsolute, join, relative } from "node:path";
import { compileGlobs } from "./compile-glob.js";
import type { Workspace } from "./resolve-workspace.js";
import { detectSdkLanguage, isSourceFile, withCheckoutLayout } from "./sdk-language-profiles.js";
import { listWorkspacePaths, type WorkspacePath } from "./workspace-files.js";
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

export interface ReadWorkspaceFactsOptions {
  /**
   * `listWorkspacePaths(workspace.roots)` (no exclude) when the caller has it already: the SDK's
   * modules are then taken from it instead of walking the SDK a second time.
   */
  files?: readonly WorkspacePath[];
}

/**
 * What the workspace actually holds, counted on disk. The linter and `doctor` compare these with what
 * the bootstrap asserts ("the 18 examples", six middleware folders) instead of trusting either side.
 */
export async function readWorkspaceFacts(
  workspace: Workspace,
  options: ReadWorkspaceFactsOptions = {},
): Promise<WorkspaceFacts> {
  const { sdk, reference } = workspace.roots;
  const [referenceExamples, referenceMiddleware, topLevel] = await Promise.all([
    listFolders(join(reference, "examples")),
    listFolders(join(reference, "packages", "middleware")),
    listFileNames(sdk),
  ]);
  const language = detectSdkLanguage(topLevel);
  const exclude = workspace.config.bundle?.exclude ?? [];
  const sdkPaths =
    language === undefined
      ? []
      : options.files && !hasRootInsideSdk(workspace)
        ? sdkViewPaths(options.files, exclude)
        : (await listWorkspacePaths({ sdk, spec: sdk, reference: sdk }, { exclude })).map(
            (file) => file.viewPath,
          );
  const profile = withCheckoutLayout(language, sdkPaths);
  const sdkModules =
    profile === undefined ? [] : sdkPaths.filter((viewPath) => isSourceFile(profile, viewPath));
  return {
    referenceExamples,
    referenceMiddleware,
    sdkModules,
    sdkLanguage: language?.language ?? "unknown",
  };
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

/**
 * The SDK root's files from a full listing, minus `bundle.exclude`. The walk prunes an excluded folder,
 * so a file is out when it or any folder above it matches.
 */
function sdkViewPaths(files: readonly WorkspacePath[], exclude: readonly string[]): string[] {
  const excluded = compileGlobs(exclude);
  return files
    .filter((file) => file.root === "sdk")
    .map((file) => file.viewPath)
    .filter((viewPath) => {
      if (exclude.length === 0) return true;
      for (let slash = viewPath.indexOf("/"); slash >= 0; slash = viewPath.indexOf("/", slash + 1)) {
        if (excluded(viewPath.slice(0, slash))) return false;
      }
      return !excluded(viewPath);
    });
}

/** A spec or reference root strictly inside the SDK is listed under its own prefix, not the SDK's. */
function hasRootInsideSdk(workspace: Workspace): boolean {
  const { sdk, spec, reference } = workspace.roots;
  return [spec, reference].some((root) => {
    const rel = relative(sdk, root);
    return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
  });
}
