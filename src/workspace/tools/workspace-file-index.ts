import { realpath } from "node:fs/promises";
import type { WorkspaceRoots } from "../view-path.js";
import { listWorkspaceFiles, type WorkspaceFile } from "../workspace-files.js";

/**
 * The files the tools may show: exactly what `listWorkspaceFiles` lists (no .git, dependencies,
 * git-ignored files such as a local `.env`, lock files, build output or binaries). Listed once per
 * executor, on first use: a phase's workspace does not change while it runs.
 */
export class WorkspaceFileIndex {
  #files: Promise<WorkspaceFile[]> | undefined;
  #byViewPath: Promise<Map<string, WorkspaceFile>> | undefined;
  #realRoots: Promise<string[]> | undefined;

  constructor(
    private readonly roots: WorkspaceRoots,
    private readonly exclude: string[] = [],
  ) {}

  files(): Promise<WorkspaceFile[]> {
    this.#files ??= listWorkspaceFiles(this.roots, { exclude: this.exclude });
    return this.#files;
  }

  async get(viewPath: string): Promise<WorkspaceFile | undefined> {
    this.#byViewPath ??= this.files().then((files) => new Map(files.map((f) => [f.viewPath, f])));
    return (await this.#byViewPath).get(viewPath);
  }

  /** Real paths of the three roots, for the symlink check. */
  realRoots(): Promise<string[]> {
    this.#realRoots ??= Promise.all(
      [this.roots.sdk, this.roots.spec, this.roots.reference].map((root) => realpath(root).catch(() => root)),
    );
    return this.#realRoots;
  }
}
