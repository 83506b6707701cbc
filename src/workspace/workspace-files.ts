import { closeSync, type Dirent, fstatSync, openSync, readSync } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { compileGlobs } from "./compile-glob.js";
import { BINARY_SNIFF_BYTES, isBinaryContent } from "./is-binary-content.js";
import { buildSecretPolicy, type SecretPolicy } from "./secrets/secret-policy.js";
import { REFERENCE_VIEW_PREFIX, type RootName, SPEC_VIEW_PREFIX, type WorkspaceRoots } from "./view-path.js";
import { isSkippedFileName, isSkippedFolder } from "./workspace-skip-rules.js";

export { isBinaryContent } from "./is-binary-content.js";

/** A file of the workspace, text or not. */
export interface WorkspacePath {
  /** Path as the plans see it: `src/...`, `../spec/...`, `../typescript-sdk/...`. */
  viewPath: string;
  absolute: string;
  root: RootName;
}

/** A text file of the workspace, with its size. */
export interface WorkspaceFile extends WorkspacePath {
  bytes: number;
}

export interface ListWorkspaceFilesOptions {
  /** Globs over view paths to leave out (config `bundle.exclude`). */
  exclude?: string[];
  /** Which files are withheld as secrets; the built-in rules when absent (never none). */
  secrets?: Pick<SecretPolicy, "withheldKind">;
}

/** A file that looks like a secret: never listed for the bundle or the tools, never read. */
export interface WithheldFile {
  viewPath: string;
  /** Why ("dotenv file", "private key or certificate" ...). */
  kind: string;
  /** Whether git ignores it too (one that it does not ignore could be committed). */
  gitIgnored: boolean;
}

/** What the bundle and the tools may show, and what they withhold as secrets. */
export interface WorkspaceContents {
  files: WorkspaceFile[];
  withheld: WithheldFile[];
}

interface IgnoreLayer {
  /** Folder of the .gitignore, relative to the root, "" for the root itself. */
  base: string;
  rules: Ignore;
}

const VIEW_PREFIX: Record<RootName, string> = {
  sdk: "",
  spec: SPEC_VIEW_PREFIX,
  reference: REFERENCE_VIEW_PREFIX,
};
/**
 * Heads are sniffed with synchronous reads in batches: thousands of tiny async open/read/close round
 * trips through the thread pool cost ten times more than the reads. Yielding between batches keeps
 * the event loop (progress output, signals) responsive.
 */
const SNIFF_BATCH = 256;

/**
 * Every text file of the three roots, sorted by view path: `listWorkspacePaths` without binaries,
 * unreadable files and files withheld as secrets, each with its size (what the bundle and the tools
 * may show).
 */
export async function listWorkspaceFiles(
  roots: WorkspaceRoots,
  options: ListWorkspaceFilesOptions = {},
): Promise<WorkspaceFile[]> {
  return (await listWorkspaceContents(roots, options)).files;
}

/**
 * `listWorkspaceFiles`, plus the files withheld as secrets, git-ignored or not (a withheld file is
 * never opened, not even to tell text from binary).
 */
export async function listWorkspaceContents(
  roots: WorkspaceRoots,
  options: ListWorkspaceFilesOptions = {},
): Promise<WorkspaceContents> {
  const { paths, withheld } = await walkWorkspace(roots, options);
  const secret = new Set(withheld.map((file) => file.viewPath));
  const files: WorkspaceFile[] = [];
  const head = new Uint8Array(BINARY_SNIFF_BYTES);
  const candidates = paths.filter((path) => !secret.has(path.viewPath));
  for (let index = 0; index < candidates.length; index++) {
    if (index > 0 && index % SNIFF_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
    const path = candidates[index]!;
    const bytes = sniffText(path.absolute, head);
    if (bytes !== undefined) files.push({ ...path, bytes });
  }
  return { files, withheld };
}

/**
 * Every file of the three roots, sorted by view path (code-unit order, so stable across locales),
 * without reading any: what exists, for the linter's path checks (a file that is binary by content
 * exists too; reading thousands of heads cost more than the rest of a lint run's context load).
 * Skips version control, dependency and build folders, lock files, binaries by extension, whatever
 * the roots' `.gitignore` files ignore (nested ones included), and symlinks that leave their root.
 * A root nested inside another (odd layouts) is listed once, under its own prefix. Files that look
 * like secrets are listed when git does not ignore them: they exist (only their content is withheld).
 */
export async function listWorkspacePaths(
  roots: WorkspaceRoots,
  options: Omit<ListWorkspaceFilesOptions, "secrets"> = {},
): Promise<WorkspacePath[]> {
  // Nobody reads the withheld list here: skip the per-file secret check (lint runs list often).
  return (await walkWorkspace(roots, { ...options, secrets: { withheldKind: () => undefined } })).paths;
}

/** Paths as `listWorkspacePaths` describes them, and every secret-looking file met on the way. */
async function walkWorkspace(
  roots: WorkspaceRoots,
  options: ListWorkspaceFilesOptions,
): Promise<{ paths: WorkspacePath[]; withheld: WithheldFile[] }> {
  const excluded = compileGlobs(options.exclude ?? []);
  const { withheldKind } = options.secrets ?? buildSecretPolicy();
  const names: RootName[] = ["sdk", "spec", "reference"];
  const perRoot = await Promise.all(
    names.map(async (name, index) => {
      const others = new Set(
        names.filter((other) => roots[other] !== roots[name]).map((other) => roots[other]),
      );
      // Two names for one folder: list it once, under the first name (sdk, spec, reference order).
      if (names.slice(0, index).some((other) => roots[other] === roots[name])) {
        return { paths: [], withheld: [] };
      }
      return listRoot(name, roots[name], { otherRoots: others, excluded, withheldKind });
    }),
  );
  return {
    paths: perRoot.flatMap((listed) => listed.paths).sort(byViewPath),
    withheld: perRoot.flatMap((listed) => listed.withheld).sort(byViewPath),
  };
}

function byViewPath(a: { viewPath: string }, b: { viewPath: string }): number {
  return a.viewPath < b.viewPath ? -1 : a.viewPath > b.viewPath ? 1 : 0;
}

interface RootFilters {
  otherRoots: ReadonlySet<string>;
  excluded: (viewPath: string) => boolean;
  withheldKind: (viewPath: string) => string | undefined;
}

async function listRoot(
  name: RootName,
  root: string,
  { otherRoots, excluded, withheldKind }: RootFilters,
): Promise<{ paths: WorkspacePath[]; withheld: WithheldFile[] }> {
  let rootReal: string;
  try {
    rootReal = await realpath(root);
  } catch {
    return { paths: [], withheld: [] };
  }
  const prefix = VIEW_PREFIX[name];
  const paths: WorkspacePath[] = [];
  const withheld: WithheldFile[] = [];
  const visited = new Set<string>([rootReal]);
  const addFile = (viewPath: string, realViewPath: string, absolute: string, gitIgnored: boolean) => {
    // Before the git check: a secret is withheld (and reported) whatever git says about it. A
    // symlink is judged by its own name and by the name of the file it points to.
    const kind =
      withheldKind(viewPath) ?? (realViewPath === viewPath ? undefined : withheldKind(realViewPath));
    if (kind !== undefined) withheld.push({ viewPath, kind, gitIgnored });
    if (!gitIgnored) paths.push({ viewPath, absolute, root: name });
  };

  /** `realRel`: where `folder` really is inside the root (differs from `rel` below a symlink). */
  const walk = async (folder: string, rel: string, realRel: string, layers: IgnoreLayer[]): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    const here = entries.some((entry) => entry.name === ".gitignore" && entry.isFile())
      ? [...layers, { base: rel, rules: ignore().add(await readFile(join(folder, ".gitignore"), "utf8")) }]
      : layers;
    const subfolders: Promise<void>[] = [];
    for (const entry of entries) {
      const absolute = join(folder, entry.name);
      const childRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
      let isFolder = entry.isDirectory();
      let isFile = entry.isFile();
      let realChildRel = realRel === "" ? entry.name : `${realRel}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        const target = await resolveLinkInside(absolute, rootReal);
        if (target === undefined) continue;
        isFolder = target.isFolder;
        isFile = !target.isFolder;
        realChildRel = relative(rootReal, target.real).split(sep).join("/");
        if (isFolder) {
          if (visited.has(target.real)) continue;
          visited.add(target.real);
        }
      }
      if (isFolder) {
        if (isSkippedFolder(entry.name) || otherRoots.has(absolute)) continue;
        if (isIgnored(here, childRel, true) || excluded(prefix + childRel)) continue;
        subfolders.push(walk(absolute, childRel, realChildRel, here));
      } else if (isFile) {
        if (isSkippedFileName(entry.name) || excluded(prefix + childRel)) continue;
        addFile(prefix + childRel, prefix + realChildRel, absolute, isIgnored(here, childRel, false));
      }
    }
    await Promise.all(subfolders);
  };
  await walk(root, "", "", []);
  return { paths, withheld };
}

function isIgnored(layers: readonly IgnoreLayer[], rel: string, isFolder: boolean): boolean {
  for (const layer of layers) {
    const local = layer.base === "" ? rel : rel.slice(layer.base.length + 1);
    if (layer.rules.ignores(isFolder ? `${local}/` : local)) return true;
  }
  return false;
}

/** Follows a symlink; undefined when it dangles or lands outside the root it belongs to. */
async function resolveLinkInside(
  link: string,
  rootReal: string,
): Promise<{ real: string; isFolder: boolean } | undefined> {
  try {
    const real = await realpath(link);
    const rel = relative(rootReal, real);
    if (rel === "" || rel.startsWith(`..${sep}`) || rel === ".." || rel.startsWith(sep)) return undefined;
    return { real, isFolder: (await stat(real)).isDirectory() };
  } catch {
    return undefined;
  }
}

/** Size in bytes when the file is text, undefined for binaries and unreadable files. */
function sniffText(file: string, head: Uint8Array): number | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const { size } = fstatSync(fd);
    const bytesRead = readSync(fd, head, 0, Math.min(size, head.length), 0);
    return isBinaryContent(head.subarray(0, bytesRead)) ? undefined : size;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
