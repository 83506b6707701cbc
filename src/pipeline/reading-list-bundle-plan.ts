import type { BundleItem } from "../workspace/bundle-plan.js";
import { isManifestOf, SDK_LANGUAGE_PROFILES } from "../workspace/sdk-language-profiles.js";
import { REFERENCE_VIEW_PREFIX, SPEC_VIEW_PREFIX } from "../workspace/view-path.js";
import type { ReadingItem } from "./bootstrap/compiled-bootstrap.js";

const SDK_CODE: readonly BundleItem[] = [
  { id: "sdk-manifest", label: "SDK manifest", kind: "sdk-manifest" },
  { id: "sdk-sources", label: "SDK sources", kind: "sdk-sources" },
  { id: "sdk-tests", label: "SDK tests", kind: "sdk-tests" },
];
const CURRENT_DRAFT: BundleItem = {
  id: "spec-current",
  label: "spec draft of the target version",
  kind: "spec-draft",
  which: "current",
};
const PREVIOUS_DRAFT: BundleItem = {
  id: "spec-previous",
  label: "spec draft of the previous version",
  kind: "spec-draft",
  which: "previous",
};

/**
 * The bundle follows the bootstrap's "read in this order" list. Pure. The spec draft it names stands
 * for the draft in force (a renamed draft is still the one meant); reference paths are files or
 * folders; the SDK's manifest and source folders, written in the SDK's own terms ("`Cargo.toml`,
 * `src/`, `tests/`"), become the SDK's manifest, sources and tests as its language profile lays them
 * out (sources before tests, so a tight budget drops tests first), at the place the list first names
 * one; other SDK folders it names (`examples/`) follow them. The previous version's draft, which the
 * list does not name but the spec delta needs, comes last: a tight budget drops it first. A bootstrap
 * without a reading list gets the draft, the SDK's code and the previous draft.
 */
export function readingListBundlePlan(items: readonly ReadingItem[]): BundleItem[] {
  const plan: BundleItem[] = [];
  const laterFolders: BundleItem[] = [];
  const seen = new Set<string>();
  const add = (item: BundleItem, into = plan) => {
    if (seen.has(item.id)) return;
    seen.add(item.id);
    into.push(item);
  };
  for (const { path } of items) {
    const folder = path.endsWith("/");
    if (path.startsWith(SPEC_VIEW_PREFIX) && path.endsWith(".md")) {
      add({
        id: "spec-current",
        label: "spec draft of the target version",
        kind: "spec-draft",
        which: "current",
      });
    } else if (path.startsWith(REFERENCE_VIEW_PREFIX)) {
      const relative = path.slice(REFERENCE_VIEW_PREFIX.length).replace(/\/$/, "");
      if (relative === "") continue;
      add({ id: path, label: path, kind: folder ? "folder" : "file", root: "reference", path: relative });
    } else if (path.startsWith("../") || path === "./" || path === ".") {
      // Another root, or the whole checkout (its parts follow in the list).
    } else if (folder) {
      for (const code of SDK_CODE) add(code);
      const relative = path.replace(/^\.\//, "").replace(/\/$/, "");
      // `src/`, `tests/`: the SDK's sources and tests, laid out by its language profile.
      if (!CODE_FOLDERS.has(relative)) {
        add({ id: path, label: path, kind: "folder", root: "sdk", path: relative }, laterFolders);
      }
    } else if (isManifest(path)) {
      for (const code of SDK_CODE) add(code);
    } else {
      add({ id: path, label: path, kind: "file", root: "sdk", path: path.replace(/^\.\//, "") });
    }
  }
  for (const code of SDK_CODE) add(code);
  // The draft the plans target goes first when the list does not name it.
  if (!seen.has(CURRENT_DRAFT.id)) plan.unshift(CURRENT_DRAFT);
  return [...plan, ...laterFolders, PREVIOUS_DRAFT];
}

/** Folder names some language keeps its sources or tests in. */
const CODE_FOLDERS = new Set(
  SDK_LANGUAGE_PROFILES.flatMap((profile) => [...profile.sourceFolders, ...profile.testFolders]),
);

function isManifest(path: string): boolean {
  return !path.includes("/") && SDK_LANGUAGE_PROFILES.some((profile) => isManifestOf(profile, path));
}
