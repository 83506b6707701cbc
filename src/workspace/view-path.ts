import { isAbsolute, posix, relative, sep } from "node:path";

/**
 * Plans and the model see the workspace from the SDK checkout: `src/...`, `../spec/...`,
 * `../typescript-sdk/...`. The spec and the reference can live anywhere (flags, config), so these
 * prefixes are a view, mapped here to real folders. Pure: no file system access, so symlink checks
 * belong to the caller.
 */
export interface WorkspaceRoots {
  /** Absolute path of the SDK checkout. */
  sdk: string;
  /** Absolute path of the spec checkout. */
  spec: string;
  /** Absolute path of the TypeScript reference checkout. */
  reference: string;
}

export type RootName = keyof WorkspaceRoots;

export const SPEC_VIEW_PREFIX = "../spec/";
export const REFERENCE_VIEW_PREFIX = "../typescript-sdk/";

export type ViewPathResolution =
  | { ok: true; root: RootName; absolute: string; viewPath: string }
  | { ok: false; reason: string };

/** Maps a view path to a real path; anything that leaves the three roots is refused. */
export function resolveViewPath(roots: WorkspaceRoots, viewPath: string): ViewPathResolution {
  const raw = viewPath.trim().replaceAll("\\", "/");
  if (raw === "") return { ok: true, root: "sdk", absolute: roots.sdk, viewPath: "." };
  if (raw.startsWith("/") || /^[A-Za-z]:\//.test(raw) || isAbsolute(viewPath)) {
    return {
      ok: false,
      reason: `absolute paths are not allowed (${viewPath}); use a path relative to the SDK checkout`,
    };
  }
  const normalized = posix.normalize(raw).replace(/\/$/, "");
  for (const [prefix, root] of [
    [SPEC_VIEW_PREFIX, "spec"],
    [REFERENCE_VIEW_PREFIX, "reference"],
  ] as const) {
    const bare = prefix.slice(0, -1);
    if (normalized === bare || normalized.startsWith(prefix)) {
      const rest = normalized === bare ? "" : normalized.slice(prefix.length);
      return { ok: true, root, absolute: joinInside(roots[root], rest), viewPath: normalized };
    }
  }
  if (normalized === ".." || normalized.startsWith("../")) {
    return {
      ok: false,
      reason: `${viewPath} is outside the workspace; readable roots are the SDK checkout, ${SPEC_VIEW_PREFIX} and ${REFERENCE_VIEW_PREFIX}`,
    };
  }
  return {
    ok: true,
    root: "sdk",
    absolute: joinInside(roots.sdk, normalized === "." ? "" : normalized),
    viewPath: normalized,
  };
}

/** Maps a real path back to the view, or undefined when it lies outside every root. */
export function toViewPath(roots: WorkspaceRoots, absolute: string): string | undefined {
  // Longest root first: the spec or reference may sit inside the SDK folder in odd layouts.
  const candidates = (Object.entries(roots) as [RootName, string][]).sort(
    (a, b) => b[1].length - a[1].length,
  );
  for (const [name, root] of candidates) {
    const rel = relative(root, absolute);
    if (rel === "" || (!rel.startsWith("..") && !isAbsolute(rel))) {
      const posixRel = rel.split(sep).join("/");
      if (name === "sdk") return posixRel === "" ? "." : posixRel;
      const prefix = name === "spec" ? SPEC_VIEW_PREFIX : REFERENCE_VIEW_PREFIX;
      return posixRel === "" ? prefix.slice(0, -1) : `${prefix}${posixRel}`;
    }
  }
  return undefined;
}

function joinInside(root: string, rest: string): string {
  return rest === "" ? root : `${root.replace(/[\\/]$/, "")}${sep}${rest.split("/").join(sep)}`;
}
