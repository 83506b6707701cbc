import { realpath } from "node:fs/promises";
import type { SecretPolicy } from "../secrets/secret-policy.js";
import type { WorkspaceRoots } from "../view-path.js";
import { listWorkspaceContents, type WorkspaceContents, type WorkspaceFile } from "../workspace-files.js";

/**
 * The files the tools may show: exactly what `listWorkspaceFiles` lists (no .git, dependencies,
 * git-ignored files, lock files, build output, binaries, or files withheld as secrets). Listed once
 * per executor, on first use: a phase's workspace does not change while it runs.
 */
export class WorkspaceFileIndex {
  #contents: Promise<WorkspaceContents> | undefined;
  #byViewPath: Promise<Map<string, WorkspaceFile>> | undefined;
  #withheld: Promise<Map<string, string>> | undefined;
  #realRoots: Promise<string[]> | undefined;

  constructor(
    private readonly roots: WorkspaceRoots,
    private readonly exclude: string[],
    private readonly secrets: SecretPolicy,
  ) {}

  async files(): Promise<WorkspaceFile[]> {
    return (await this.#list()).files;
  }

  async get(viewPath: string): Promise<WorkspaceFile | undefined> {
    this.#byViewPath ??= this.files().then((files) => new Map(files.map((f) => [f.viewPath, f])));
    return (await this.#byViewPath).get(viewPath);
  }

  /** Why the listing withheld this path (a symlink to a secret included), or undefined. */
  async withheldKind(viewPath: string): Promise<string | undefined> {
    this.#withheld ??= this.#list().then(
      ({ withheld }) => new Map(withheld.map((f) => [f.viewPath, f.kind])),
    );
    return (await this.#withheld).get(viewPath);
  }

  /** Real paths of the three roots, for the symlink check. */
  realRoots(): Promise<string[]> {
    this.#realRoots ??= Promise.all(
      [this.roots.sdk, this.roots.spec, this.roots.reference].map((root) => realpath(root).catch(() => root)),
    );
    return this.#realRoots;
  }

  #list(): Promise<WorkspaceContents> {
    this.#contents ??= listWorkspaceContents(this.roots, { exclude: this.exclude, secrets: this.secrets });
    return this.#contents;
  }
}
