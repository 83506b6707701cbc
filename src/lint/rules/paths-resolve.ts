import { posix } from "node:path";
import type { LintContext } from "../lint-context.js";
import { planFileName } from "../lint-context.js";
import type { LintRule, Report } from "../lint-rule.js";
import { findPathCitations, type PathCitation, resolveCitation } from "../path-citation.js";
import { calledExisting, inDraftedReadme, isNegated, isProposed } from "../path-context-words.js";
import type { PlanDocument } from "../plan-document.js";
import {
  directories,
  exists,
  fileHasName,
  filesByBasename,
  lineCount,
  uniqueSuffixMatch,
} from "../workspace-index.js";

/** A link whose target was never filled in: `[the module](…)`. */
const PLACEHOLDER = /^(?:…|\.\.\.|TODO|TBD|<[^>]*>)$/i;

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
  // A sibling plan not on disk yet (written in parallel, or later): its lines cannot be checked now.
  if (root === "sdk" && context.phaseFiles.includes(posix.basename(target))) return;
  let certainty: "sure" | "doubt" = "sure";
  if (root === "sdk" && !anchored) {
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
  // A symbol in a file that does not exist yet is often the plan naming what it will add, and a spec or
  // reference file a sentence proposes ("agree a shared schema in `../spec/x.json`") is not there yet.
  if (root === "sdk" && citation.anchor?.kind === "symbol") certainty = "doubt";
  if (root !== "sdk" && !anchored && isProposed(doc, citation.start)) certainty = "doubt";
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
  // A tail of a file (`packages/runtime/src/server.ts`) names one file; but one that starts with an SDK
  // folder and ends in the SDK (`examples/x/Main.java` for `examples/src/.../x/Main.java`) is an SDK
  // path, right or wrong. A tail of a reference file (`runtime/test/x.test.ts`) is fine either way.
  if (!rest.includes("/")) return undefined;
  const match = uniqueSuffixMatch(context, rest);
  if (match !== undefined && directories(context.files).has(first) && !match.startsWith("../"))
    return undefined;
  return match;
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
