import { closeSync, type Dirent, fstatSync, openSync, readSync } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { compileGlobs } from "./compile-glob.js";
import { BINARY_SNIFF_BYTES, isBinaryContent } from "./is-binary-content.js";
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
 * Every text file of the three roots, sorted by view path: `listWorkspacePaths` without binaries and
 * unreadable files, each with its size (what the bundle and the tools may show).
 */
export async function listWorkspaceFiles(
  roots: WorkspaceRoots,
  options: ListWorkspaceFilesOptions = {},
): Promise<WorkspaceFile[]> {
  const paths = await listWorkspacePaths(roots, options);
  const files: WorkspaceFile[] = [];
  const head = new Uint8Array(BINARY_SNIFF_BYTES);
  for (let index = 0; index < paths.length; index++) {
    if (index > 0 && index % SNIFF_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
    const path = paths[index]!;
    const bytes = sniffText(path.absolute, head);
    if (bytes !== undefined) files.push({ ...path, bytes });
  }
  return files;
}

/**
 * Every file of the three roots, sorted by view path (code-unit order, so stable across locales),
 * without reading any: what exists, for the linter's path checks (a file that is binary by content
 * exists too; reading thousands of heads cost more than the rest of a lint run's context load).
 * Skips version control, dependency and build folders, lock files, binaries by extension, whatever
 * the roots' `.gitignore` files ignore (nested ones included), and symlinks that leave their root.
 * A root nested inside another (odd layouts) is listed once, under its own prefix.
 */
export async function listWorkspacePaths(
  roots: WorkspaceRoots,
  options: ListWorkspaceFilesOptions = {},
): Promise<WorkspacePath[]> {
  const excluded = compileGlobs(options.exclude ?? []);
  const names: RootName[] = ["sdk", "spec", "reference"];
  const perRoot = await Promise.all(
    names.map(async (name, index) => {
      const others = new Set(
        names.filter((other) => roots[other] !== roots[name]).map((other) => roots[other]),
      );
      // Two names for one folder: list it once, under the first name (sdk, spec, reference order).
      if (names.slice(0, index).some((other) => roots[other] === roots[name])) return [];
      return listRoot(name, roots[name], others, excluded);
    }),
  );
  return perRoot.flat().sort((a, b) => (a.viewPath < b.viewPath ? -1 : a.viewPath > b.viewPath ? 1 : 0));
}

async function listRoot(
  name: RootName,
  root: string,
  otherRoots: ReadonlySet<string>,
  excluded: (viewPath: string) => boolean,
): Promise<WorkspacePath[]> {
  let rootReal: string;
  try {
    rootReal = await realpath(root);
  } catch {
    return [];
  }
  const prefix = VIEW_PREFIX[name];
  const paths: WorkspacePath[] = [];
  const visited = new Set<string>([rootReal]);

  const walk = async (folder: string, rel: string, layers: IgnoreLayer[]): Promise<void> => {
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
      if (entry.isSymbolicLink()) {
        const target = await resolveLinkInside(absolute, rootReal);
        if (target === undefined) continue;
        isFolder = target.isFolder;
        isFile = !target.isFolder;
        if (isFolder) {
          if (visited.has(target.real)) continue;
          visited.add(target.real);
        }
      }
      if (isFolder) {
        if (isSkippedFolder(entry.name) || otherRoots.has(absolute)) continue;
        if (isIgnored(here, childRel, true) || excluded(prefix + childRel)) continue;
        subfolders.push(walk(absolute, childRel, here));
      } else if (isFile) {
        if (isSkippedFileName(entry.name) || isIgnored(here, childRel, false)) continue;
        if (excluded(prefix + childRel)) continue;
        paths.push({ viewPath: prefix + childRel, absolute, root: name });
      }
    }
    await Promise.all(subfolders);
  };
  await walk(root, "", []);
  return paths;
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
