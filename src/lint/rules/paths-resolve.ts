import { posix } from "node:path";
import { toString as nodeText } from "mdast-util-to-string";
import type { LintContext } from "../lint-context.js";
import { planFileName } from "../lint-context.js";
import type { LintRule, Report } from "../lint-rule.js";
import { findPathCitations, type PathCitation, resolveCitation } from "../path-citation.js";
import { blockAt, headingChain, type PlanDocument, type TextBlock } from "../plan-document.js";

/** A gap matrix's state column: its "missing" is about a feature. */
const STATE_COLUMN = /\b(?:state|status)\b/i;

/** "The existing `cli/ArcpCli.java`", "the current `src/x.rs`": the words right before the path. */
const EXISTING_BEFORE = /\b(?:existing|current|today's)\s+(?:[\w-]+\s+){0,2}$/i;

/** Words that mark a path as proposed rather than existing ("new `src/arcp/heartbeat.py`"). */
const PROPOSED =
  /\b(new|proposed|propose[sd]?|adds?|added|adding|creates?|created|creating|introduc\w*|will|planned|future|target\w*|lands?|split\w*|extract\w*|moves?|renamed?|missing|not yet|to be written)\b/i;

/** A link whose target was never filled in: `[the module](…)`. */
const PLACEHOLDER = /^(?:…|\.\.\.|TODO|TBD|#|<[^>]*>)$/i;
/** Words before a path that say it does not exist ("there is no `sig/` directory", "without `tests/`"). */
const NEGATION_BEFORE = /\b(?:no|not|without|lacks?|absent|neither|nor|never|missing)\s+(?:[\w-]+\s+){0,2}$/i;
const NEGATION_AFTER = /^[^.;\n]{0,40}?\b(?:does not|doesn't|do not|don't|is not|isn't|never) exists?\b/i;

const directoriesCache = new WeakMap<ReadonlySet<string>, Set<string>>();
const lineCountCache = new WeakMap<LintContext["readText"], Map<string, number>>();

function directories(files: ReadonlySet<string>): Set<string> {
  let dirs = directoriesCache.get(files);
  if (!dirs) {
    dirs = new Set();
    for (const file of files) {
      for (let slash = file.indexOf("/"); slash >= 0; slash = file.indexOf("/", slash + 1)) {
        dirs.add(file.slice(0, slash));
      }
    }
    directoriesCache.set(files, dirs);
  }
  return dirs;
}

/** Lines in a file, counted as an editor numbers them (a final newline does not start a line). */
function lineCount(context: LintContext, viewPath: string, text: string): number {
  let cache = lineCountCache.get(context.readText);
  if (!cache) {
    cache = new Map();
    lineCountCache.set(context.readText, cache);
  }
  let count = cache.get(viewPath);
  if (count === undefined) {
    count = text === "" ? 0 : 1;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) {
      if (at < text.length - 1) count++;
    }
    cache.set(viewPath, count);
  }
  return count;
}

const namesCache = new WeakMap<LintContext["readText"], Map<string, boolean>>();

/** Whether `name` appears as a whole identifier in the file; cached, files are cited many times. */
function fileHasName(context: LintContext, viewPath: string, text: string, name: string): boolean {
  let cache = namesCache.get(context.readText);
  if (!cache) {
    cache = new Map();
    namesCache.set(context.readText, cache);
  }
  const key = `${viewPath}\0${name}`;
  let found = cache.get(key);
  if (found === undefined) {
    found = containsWholeName(text, name);
    cache.set(key, found);
  }
  return found;
}

const IDENTIFIER_CHAR = /[\w$]/;

/** Whether `name` occurs in `text` with no identifier character right before or after it. */
function containsWholeName(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1];
    const after = text[at + name.length];
    if (!(before && IDENTIFIER_CHAR.test(before)) && !(after && IDENTIFIER_CHAR.test(after))) return true;
  }
  return false;
}

const basenameCache = new WeakMap<ReadonlySet<string>, Map<string, string[]>>();

/** Workspace files by their last path segment, for suffix matches. */
function filesByBasename(files: ReadonlySet<string>): Map<string, string[]> {
  let index = basenameCache.get(files);
  if (!index) {
    index = new Map();
    for (const file of files) {
      const name = file.slice(file.lastIndexOf("/") + 1);
      const list = index.get(name);
      if (list) list.push(file);
      else index.set(name, [file]);
    }
    basenameCache.set(files, index);
  }
  return index;
}

const exists = (context: LintContext, viewPath: string) =>
  context.files.has(viewPath) || directories(context.files).has(viewPath);

export const pathsResolve: LintRule = {
  id: "paths-resolve",
  description:
    "Links and backticked paths resolve in the workspace; `#L<n>`, `path:<line>` and `path:Symbol` anchors point inside the file; a wrong number of `../` is named.",
  check(doc, context, report) {
    for (const citation of findPathCitations(doc)) checkCitation(doc, context, citation, report);
  },
};

function checkCitation(
  doc: PlanDocument,
  context: LintContext,
  citation: PathCitation,
  report: Report,
): void {
  if (citation.via === "link" && PLACEHOLDER.test(citation.path)) {
    report(
      `Unexpected placeholder link target \`${citation.path}\`, expected the path or URL the link points at`,
      citation.start,
      citation.end,
    );
    return;
  }
  if (citation.bare) {
    checkBareName(context, citation, report);
    return;
  }
  const resolved = resolveCitation(citation, context.planPath);
  if (!resolved) return;
  const target = "viewPath" in resolved ? resolved.viewPath : resolved.outside;
  if ("viewPath" in resolved && exists(context, target)) {
    checkAnchor(context, citation, target, report);
    return;
  }
  const meant = citation.via === "code" ? meantFile(context, citation.path) : undefined;
  if (meant !== undefined) {
    // Written from the workspace root (`typescript-sdk/CONFORMANCE.md:229`) or as the tail of one file
    // (`packages/runtime/src/server.ts:91`): a reader finds it, so only the anchor is checked.
    checkAnchor(context, citation, meant, report);
    return;
  }
  const drafted = citation.via === "link" && inDraftedReadme(doc, citation.start);
  if (drafted && exists(context, posix.normalize(citation.path).replace(/\/$/, ""))) return;
  const recount = recountDotDots(context, citation);
  if (recount) {
    // A link has one base, the plan's folder; a backticked path has none, so its `../` count is a guess.
    report(
      `Unexpected path \`${citation.path}\` (resolves to \`${target}\`, which does not exist), expected \`${recount}\`: the number of \`../\` is off`,
      citation.start,
      citation.end,
      citation.via === "code" || drafted ? "doubt" : "sure",
    );
    return;
  }
  if ("outside" in resolved) {
    report(
      `Unexpected path \`${citation.path}\` outside the workspace, expected a path in the SDK checkout, \`../spec/\` or \`../typescript-sdk/\``,
      citation.start,
      citation.end,
      citation.via === "code" ? "doubt" : "sure",
    );
    return;
  }
  reportMissing(doc, context, citation, target, report);
}

function reportMissing(
  doc: PlanDocument,
  context: LintContext,
  citation: PathCitation,
  target: string,
  report: Report,
): void {
  const root = target.startsWith("../spec/")
    ? "spec"
    : target.startsWith("../typescript-sdk/")
      ? "reference"
      : "sdk";
  const anchored = citation.anchor !== undefined && citation.anchor.kind !== "fragment";
  if (isNegated(doc, citation)) return; // "there is no `sig/` directory"
  let certainty: "sure" | "doubt" = "sure";
  if (root === "sdk" && !anchored) {
    if (context.phaseFiles.includes(posix.basename(target))) return; // a sibling plan not written yet
    const saysExisting = calledExisting(doc, citation);
    if (!saysExisting && isProposed(doc, citation.start)) return;
    const file = planFileName(context);
    const existingCode = file !== undefined && context.settings.existingCodePlans.includes(file);
    // Elsewhere a missing path is usually a proposal; one the text calls existing is not.
    if (!existingCode) {
      if (!saysExisting) return;
      certainty = "doubt";
    }
  }
  const similar = uniqueSuffixMatch(context, target);
  // A symbol in a file that does not exist yet is often the plan naming what it will add.
  if (root === "sdk" && citation.anchor?.kind === "symbol") certainty = "doubt";
  const why =
    root === "sdk"
      ? anchored
        ? "cited with an anchor as existing code"
        : "cited as existing code; say it is new if it is proposed"
      : `the ${root === "spec" ? "spec checkout" : "reference"} has no such file`;
  report(
    `Unexpected missing file \`${target}\` (${why}), expected an existing path${similar ? `; did you mean \`${similar}\`?` : ""}`,
    citation.start,
    citation.end,
    certainty,
  );
}

/** `build.gradle.kts:113`, `02-current-audit.md:163-181`: a file named alone, with a line anchor. */
function checkBareName(context: LintContext, citation: PathCitation, report: Report): void {
  const name = citation.path;
  // As a view path a bare name is a file at the SDK's top level (`build.gradle.kts`, `README.md`).
  if (context.files.has(name)) {
    checkAnchor(context, citation, name, report);
    return;
  }
  const candidates = filesByBasename(context.files).get(name) ?? [];
  const sibling = context.planPath ? posix.join(posix.dirname(context.planPath), name) : undefined;
  const file =
    sibling !== undefined && candidates.includes(sibling)
      ? sibling
      : candidates.length === 1
        ? candidates[0]
        : undefined;
  if (file !== undefined) checkAnchor(context, citation, file, report);
}

/** The one workspace file a backticked path means when it is not a view path, or undefined. */
function meantFile(context: LintContext, path: string): string | undefined {
  // A path that starts with `./` or `../` states its base; only one written without says "from the root".
  if (path.startsWith(".")) return undefined;
  const rest = path.replace(/\/$/, "");
  const slash = rest.indexOf("/");
  const first = slash < 0 ? rest : rest.slice(0, slash);
  const tail = slash < 0 ? "" : rest.slice(slash + 1);
  const names = context.rootNames;
  const fromRoot =
    first === names.spec
      ? `../spec/${tail}`
      : first === names.reference
        ? `../typescript-sdk/${tail}`
        : first === names.sdk
          ? tail
          : undefined;
  if (fromRoot !== undefined && (fromRoot === "" || exists(context, fromRoot.replace(/\/$/, ""))))
    return fromRoot.replace(/\/$/, "");
  // A tail of a file (`packages/runtime/src/server.ts`) starts with a folder the SDK does not have; one
  // that starts with an SDK folder (`examples/x/Main.java`) is an SDK path, right or wrong.
  if (!rest.includes("/") || directories(context.files).has(first)) return undefined;
  return uniqueSuffixMatch(context, rest);
}

function checkAnchor(context: LintContext, citation: PathCitation, viewPath: string, report: Report): void {
  const anchor = citation.anchor;
  if (!anchor || anchor.kind === "fragment" || !context.files.has(viewPath)) return;
  const text = context.readText(viewPath);
  if (text === undefined) return;
  if (anchor.kind === "lines") {
    const lines = lineCount(context, viewPath, text);
    if (anchor.from >= 1 && anchor.to >= anchor.from && anchor.to <= lines) return;
    const range = anchor.from === anchor.to ? `line ${anchor.from}` : `lines ${anchor.from}-${anchor.to}`;
    report(
      `Unexpected ${range} in \`${viewPath}\`, expected a line between 1 and ${lines} (the file has ${lines} lines)`,
      citation.start,
      citation.end,
    );
    return;
  }
  const missing = anchor.name
    .split(".")
    .filter((part) => part !== "" && !fileHasName(context, viewPath, text, part));
  if (missing.length === 0) return;
  report(
    `Unexpected symbol \`${anchor.name}\` for \`${viewPath}\`, expected a name that appears in that file (\`${missing[0]}\` does not)`,
    citation.start,
    citation.end,
  );
}

/** The same path with a different number of leading `../` that does exist, in the form to write it. */
function recountDotDots(context: LintContext, citation: PathCitation): string | undefined {
  const rest = citation.path.replace(/^(?:\.\.?\/)+/, "").replace(/\/$/, "");
  if (rest === "") return undefined;
  for (const candidate of [rest, `../${rest}`]) {
    if (candidate === citation.path.replace(/\/$/, "") || !exists(context, candidate)) continue;
    const viewLike = candidate.startsWith("../");
    if (citation.via === "code" || viewLike || !context.planPath) return candidate;
    return posix.relative(posix.dirname(context.planPath), candidate);
  }
  return undefined;
}

/** One workspace file whose path ends with the cited path minus its first folders. */
function uniqueSuffixMatch(context: LintContext, target: string): string | undefined {
  const rest = target.replace(/^(?:\.\.\/)?(?:spec\/|typescript-sdk\/)?/, "");
  if (!rest.includes("/")) return undefined;
  let found: string | undefined;
  // Every file ending in `/${rest}` (or equal to it) has the same last segment as `rest`.
  for (const file of filesByBasename(context.files).get(rest.slice(rest.lastIndexOf("/") + 1)) ?? []) {
    if (file !== target && (file.endsWith(`/${rest}`) || file === rest)) {
      if (found) return undefined;
      found = file;
    }
  }
  return found;
}

function rowSays(doc: PlanDocument, table: NonNullable<TextBlock["table"]>, words: RegExp): boolean {
  const [head, ...rows] = table.node.children;
  const row = table.rowIndex === 0 ? head : rows[table.rowIndex - 1];
  return (row?.children ?? []).some((cell, index) => {
    if (STATE_COLUMN.test(nodeText(head?.children[index] ?? cell))) return false;
    const start = cell.position?.start.offset ?? 0;
    return words.test(doc.proseMask.slice(start, cell.position?.end.offset ?? start));
  });
}

function isProposed(doc: PlanDocument, offset: number): boolean {
  return blockSays(doc, offset, PROPOSED);
}

/** "The existing `cli/Main.java`": the words right before the path call it existing. */
function calledExisting(doc: PlanDocument, citation: PathCitation): boolean {
  const before = doc.proseMask.slice(Math.max(0, citation.start - 40), citation.start).replace(/[`*_]/g, "");
  return EXISTING_BEFORE.test(before);
}

/**
 * Whether the path's block says `words`: its table row (but a state column's "missing" describes the
 * feature, not the file) and the header of its column, else its list item or paragraph.
 */
function blockSays(doc: PlanDocument, offset: number, words: RegExp): boolean {
  const block = blockAt(doc, offset);
  if (!block) return false;
  if (block.table) return rowSays(doc, block.table, words) || words.test(block.table.header);
  const range = block.listItem ? block.listItem : block;
  return words.test(doc.proseMask.slice(range.start, range.end));
}

function isNegated(doc: PlanDocument, citation: PathCitation): boolean {
  const before = doc.proseMask.slice(Math.max(0, citation.start - 60), citation.start).replace(/[`*_]/g, "");
  const after = doc.proseMask.slice(citation.end, citation.end + 80).replace(/[`*_]/g, "");
  return NEGATION_BEFORE.test(before) || NEGATION_AFTER.test(after);
}

/** Whether a link sits in a section that drafts a README, whose links are relative to the README. */
function inDraftedReadme(doc: PlanDocument, offset: number): boolean {
  const block = blockAt(doc, offset);
  return (
    block !== undefined && headingChain(doc, block.heading).some((heading) => /readme/i.test(heading.text))
  );
}
