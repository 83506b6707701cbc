import { posix } from "node:path";
import type { Nodes } from "mdast";
import type { PlanDocument } from "./plan-document.js";

/**
 * Paths a plan cites: markdown link targets and backticked paths, with their line or symbol anchors.
 * Link targets resolve from the plan's folder, except `../spec/...` and `../typescript-sdk/...`, which
 * (like backticked paths) are read from the SDK checkout — the view every plan and the model share.
 */
export type PathAnchor =
  | { kind: "lines"; from: number; to: number }
  | { kind: "symbol"; name: string }
  | { kind: "fragment"; value: string };

export interface PathCitation {
  /** As written, anchor included. */
  written: string;
  /** The path part as written, anchor removed. */
  path: string;
  via: "link" | "code";
  /** A bare file name with a line anchor (`build.gradle.kts:113`): resolved by its unique name. */
  bare?: boolean;
  anchor: PathAnchor | undefined;
  start: number;
  end: number;
}

const EXTENSIONS = new Set(
  "md py pyi ts tsx js mjs cjs json toml yaml yml txt dot svg cfg ini rst sh html css lock rs java kt kts go rb cs swift gradle xml properties sql proto".split(
    " ",
  ),
);
const ROOT_DIRS = new Set([
  "src",
  "tests",
  "docs",
  "packages",
  "examples",
  "planning",
  "spec",
  "typescript-sdk",
]);
// `path:Symbol` and Rust's `path::symbol` both name a symbol in the file.
const CODE_ANCHOR = /^(.*?)(?:#L(\d+)(?:-L?(\d+))?|:(\d+)(?:-(\d+))?|::?([A-Za-z_][\w.]*))$/;
const VIEW_PREFIXES = ["../spec/", "../typescript-sdk/"];
const BACKTICK = 96;

export function findPathCitations(doc: PlanDocument): PathCitation[] {
  const citations: PathCitation[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === "link" || node.type === "definition") {
      const citation = linkCitation(node.url, doc, node);
      if (citation) citations.push(citation);
    } else if (node.type === "inlineCode") {
      // The value starts after the opening backticks (scan from the node, not a slice of the rest).
      let start = node.position?.start.offset ?? 0;
      while (doc.text.charCodeAt(start) === BACKTICK) start++;
      const citation = codeCitation(node.value.trim(), start);
      if (citation) citations.push(citation);
    }
    if ("children" in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(doc.tree);
  return citations;
}

function linkCitation(url: string, doc: PlanDocument, node: Nodes): PathCitation | undefined {
  if (url === "" || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//") || url.startsWith("#"))
    return undefined;
  const nodeStart = node.position?.start.offset ?? 0;
  const nodeEnd = node.position?.end.offset ?? nodeStart;
  const at = doc.text.slice(nodeStart, nodeEnd).lastIndexOf(url);
  const start = at >= 0 ? nodeStart + at : nodeStart;
  const hash = url.indexOf("#");
  const path = safeDecode(hash >= 0 ? url.slice(0, hash) : url);
  const fragment = hash >= 0 ? url.slice(hash + 1) : undefined;
  if (path === "") return undefined;
  const lines = fragment ? /^L(\d+)(?:-L?(\d+))?$/.exec(fragment) : null;
  const anchor: PathAnchor | undefined = lines
    ? { kind: "lines", from: Number(lines[1]), to: Number(lines[2] ?? lines[1]) }
    : fragment
      ? { kind: "fragment", value: fragment }
      : undefined;
  return { written: url, path, via: "link", anchor, start, end: start + url.length };
}

function codeCitation(value: string, start: number): PathCitation | undefined {
  // Absolute paths (`/Users/me/sdk/README.md`, `/health`) belong to no workspace root.
  if (
    value === "" ||
    /[\s*?{}[\]<>|$"'`,;=()]/.test(value) ||
    /^[@/-]|^[a-z][a-z0-9+.-]*:\/\//i.test(value)
  ) {
    return undefined;
  }
  const match = CODE_ANCHOR.exec(value);
  let path = value;
  let anchor: PathAnchor | undefined;
  if (match?.[1]) {
    if (match[2]) anchor = { kind: "lines", from: Number(match[2]), to: Number(match[3] ?? match[2]) };
    else if (match[4]) anchor = { kind: "lines", from: Number(match[4]), to: Number(match[5] ?? match[4]) };
    else if (match[6]) anchor = { kind: "symbol", name: match[6] };
    path = match[1];
  }
  if (looksLikePath(path))
    return { written: value, path, via: "code", anchor, start, end: start + value.length };
  if (anchor?.kind === "lines" && hasKnownExtension(path) && !path.includes("/")) {
    return { written: value, path, via: "code", bare: true, anchor, start, end: start + value.length };
  }
  return undefined;
}

/** A path with a folder: `src/arcp/session.py`, `../spec/docs/`, `tests/`. Bare names are not checked. */
function looksLikePath(path: string): boolean {
  if (!path.includes("/") || !/[A-Za-z]/.test(path)) return false;
  const segments = path.split("/").filter((segment) => segment !== "" && segment !== "." && segment !== "..");
  if (hasKnownExtension(segments.at(-1) ?? "")) return true;
  return (
    path.endsWith("/") || path.startsWith("./") || path.startsWith("../") || ROOT_DIRS.has(segments[0] ?? "")
  );
}

function hasKnownExtension(name: string): boolean {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return extension !== undefined && EXTENSIONS.has(extension);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The view path a citation points at, or `outside` when it leaves the three roots. */
export function resolveCitation(
  citation: PathCitation,
  planPath: string | undefined,
): { viewPath: string } | { outside: string } | undefined {
  let joined: string;
  if (citation.via === "code" || VIEW_PREFIXES.some((prefix) => citation.path.startsWith(prefix))) {
    joined = citation.path;
  } else {
    if (!planPath) return undefined;
    joined = posix.join(posix.dirname(planPath), citation.path);
  }
  const viewPath = posix.normalize(joined).replace(/^\.\//, "").replace(/\/$/, "");
  const inRoots = VIEW_PREFIXES.some(
    (prefix) => viewPath.startsWith(prefix) || viewPath === prefix.slice(0, -1),
  );
  if (viewPath === ".." || (viewPath.startsWith("../") && !inRoots)) {
    return { outside: viewPath };
  }
  return { viewPath };
}
