import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import { parseDraftVersion } from "./parse-draft-version.js";
import { parseSectionIndex, type SectionEntry } from "./parse-section-index.js";
import type { Workspace } from "./resolve-workspace.js";
import { toViewPath } from "./view-path.js";

export type { SectionEntry } from "./parse-section-index.js";

export interface SpecDraft {
  absolute: string;
  viewPath: string;
  /** The version the draft states about itself ("1.1"), or "unknown". */
  version: string;
  /** The document's `#` title, or its file name when it has none. */
  title: string;
  sections: SectionEntry[];
}

export interface SpecDrafts {
  /** The draft stating the version the bootstrap targets: the one plans are written against. */
  current: SpecDraft;
  /** The draft of the version before it (the newest stated version below the target), if any. */
  previous: SpecDraft | undefined;
  /** Every draft found, sorted by file name. */
  all: SpecDraft[];
}

const DRAFT_NAME = /^draft-arcp-.*\.md$/i;
const specHint = (version: string) =>
  `pass --spec FILE naming the v${version} draft (config: workspace.spec)`;

/**
 * Finds the drafts among `<spec>/docs/draft-arcp-*.md` (or `<spec>/draft-arcp-*.md` when there is no
 * docs folder) and picks the current one (stating `workspace.protocolVersion`, the bootstrap's target)
 * and the previous one by the version each states about itself. `--spec FILE` names the current draft
 * directly; its siblings are still searched for the previous one.
 */
export async function readSpecDrafts(workspace: Workspace): Promise<SpecDrafts> {
  const target = workspace.protocolVersion;
  const SPEC_HINT = specHint(target);
  const { folder, names } = await findDraftFiles(workspace.roots.spec);
  const files = names.map((name) => join(folder, name));
  if (workspace.specFile !== undefined && !files.includes(workspace.specFile)) files.push(workspace.specFile);
  if (files.length === 0) {
    const tried = `${join(workspace.roots.spec, "docs", "draft-arcp-*.md")} and ${join(workspace.roots.spec, "draft-arcp-*.md")}`;
    throw new ArcpPlanError("workspace", `no spec drafts found: looked for ${tried}`, {
      hint: SPEC_HINT,
    });
  }
  const all = (await Promise.all(files.map((file) => readDraft(workspace, file)))).sort((a, b) =>
    a.absolute < b.absolute ? -1 : a.absolute > b.absolute ? 1 : 0,
  );

  let current: SpecDraft | undefined;
  if (workspace.specFile !== undefined) {
    current = all.find((draft) => draft.absolute === workspace.specFile)!;
    if (current.version !== target && current.version !== "unknown") {
      throw new ArcpPlanError(
        "workspace",
        `the spec draft ${workspace.specFile} states version ${current.version}, not ${target} (the version the bootstrap targets)`,
        { hint: `point --spec (config: workspace.spec) at the v${target} draft or at the spec checkout` },
      );
    }
  } else {
    // Several drafts may claim the target (a renamed copy left behind); the last by file name wins,
    // the way draft numbers grow, and `doctor` reports the duplicates.
    current = all.filter((draft) => draft.version === target).at(-1);
  }
  if (current === undefined) {
    throw new ArcpPlanError("workspace", `no v${target} spec draft found in ${folder}`, {
      details: all.map((draft) => `${draft.viewPath}: states version ${draft.version}`),
      hint: SPEC_HINT,
    });
  }
  if (current.sections.length === 0) {
    throw new ArcpPlanError("workspace", `the spec draft ${current.absolute} has no numbered sections`, {
      hint: `expected headings such as "## 6. Sessions" or "### 6.4. Heartbeats"; ${SPEC_HINT}`,
    });
  }
  const previousVersion = versionBefore(
    target,
    all.map((draft) => draft.version),
  );
  const previous = all.filter((draft) => draft.version === previousVersion && draft !== current).at(-1);
  return { current, previous, all };
}

/** The newest stated version below `target` ("1.0" for "1.1" when both exist). Pure. */
export function versionBefore(target: string, versions: readonly string[]): string | undefined {
  const parse = (version: string) => version.split(".").map(Number);
  const below = (a: number[], b: number[]) => (a[0]! !== b[0]! ? a[0]! < b[0]! : (a[1] ?? 0) < (b[1] ?? 0));
  const wanted = parse(target);
  let best: number[] | undefined;
  for (const version of versions) {
    if (!/^\d+\.\d+$/.test(version)) continue;
    const parsed = parse(version);
    if (below(parsed, wanted) && (best === undefined || below(best, parsed))) best = parsed;
  }
  return best?.join(".");
}

async function findDraftFiles(specRoot: string): Promise<{ folder: string; names: string[] }> {
  for (const folder of [join(specRoot, "docs"), specRoot]) {
    try {
      const entries = await readdir(folder, { withFileTypes: true });
      const names = entries.filter((e) => e.isFile() && DRAFT_NAME.test(e.name)).map((e) => e.name);
      if (names.length > 0) return { folder, names: names.sort() };
    } catch {
      // No docs folder: fall through to the checkout's top level.
    }
  }
  return { folder: join(specRoot, "docs"), names: [] };
}

async function readDraft(workspace: Workspace, file: string): Promise<SpecDraft> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ArcpPlanError("workspace", `cannot read the spec draft ${file}`, {
      hint: specHint(workspace.protocolVersion),
      cause: error,
    });
  }
  const title = /^#[ \t]+(.+?)[ \t]*$/m.exec(text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, ""))?.[1];
  return {
    absolute: file,
    viewPath: toViewPath(workspace.roots, file) ?? file,
    version: parseDraftVersion(text, basename(file)) ?? "unknown",
    title: title ?? basename(file),
    sections: parseSectionIndex(text),
  };
}
