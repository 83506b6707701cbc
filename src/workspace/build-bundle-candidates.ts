import type { BundleItem } from "./bundle-plan.js";
import {
  isManifestOf,
  isTestFile,
  SDK_LANGUAGE_PROFILES,
  type SdkLanguageProfile,
} from "./sdk-language-profiles.js";
import type { SpecDraft } from "./spec-drafts.js";
import { REFERENCE_VIEW_PREFIX, type RootName, SPEC_VIEW_PREFIX } from "./view-path.js";
import type { WorkspaceFile } from "./workspace-files.js";

export interface BundleCandidate {
  /** The bundle-plan item id this file answers. */
  item: string;
  viewPath: string;
  absolute: string;
  bytes: number;
}

export interface MissingItem {
  item: string;
  reason: string;
}

export interface CandidateInput {
  plan: readonly BundleItem[];
  /** Every listed workspace file (already without binaries, lock files, ignored files ...). */
  files: readonly WorkspaceFile[];
  /** Drafts, or the reason they could not be read. */
  drafts: { current: SpecDraft; previous: SpecDraft | undefined } | { error: string };
  profile: SdkLanguageProfile | undefined;
}

const PREFIX: Record<RootName, string> = {
  sdk: "",
  spec: SPEC_VIEW_PREFIX,
  reference: REFERENCE_VIEW_PREFIX,
};

/**
 * Pure: turns the plan into an ordered file list. Within an item files keep view-path order; a file
 * that answers two items appears once, under the first. Items with no files are reported as missing
 * with a reason, never as an error.
 */
export function buildBundleCandidates(input: CandidateInput): {
  candidates: BundleCandidate[];
  missing: MissingItem[];
} {
  const candidates: BundleCandidate[] = [];
  const missing: MissingItem[] = [];
  const taken = new Set<string>();
  const byView = new Map(input.files.map((file) => [file.viewPath, file]));

  for (const item of input.plan) {
    const picked = selectFiles(item, input, byView);
    if (typeof picked === "string") {
      missing.push({ item: item.label, reason: picked });
      continue;
    }
    for (const file of picked) {
      if (taken.has(file.viewPath)) continue;
      taken.add(file.viewPath);
      candidates.push({ item: item.id, viewPath: file.viewPath, absolute: file.absolute, bytes: file.bytes });
    }
  }
  return { candidates, missing };
}

/** The files an item stands for, or a reason string when there are none. */
function selectFiles(
  item: BundleItem,
  input: CandidateInput,
  byView: ReadonlyMap<string, WorkspaceFile>,
): WorkspaceFile[] | string {
  const sdkFiles = () => input.files.filter((file) => file.root === "sdk");
  switch (item.kind) {
    case "spec-draft": {
      // No current draft: said once, for it; the previous one is not missing on top of that.
      if ("error" in input.drafts) return item.which === "current" ? input.drafts.error : [];
      const draft = item.which === "current" ? input.drafts.current : input.drafts.previous;
      if (draft === undefined) return "the spec checkout has no draft of the version before the target";
      const file = byView.get(draft.viewPath);
      return file ? [file] : `${draft.viewPath} is excluded (.gitignore or bundle.exclude)`;
    }
    case "file": {
      const file = byView.get(PREFIX[item.root] + item.path);
      return file ? [file] : `${PREFIX[item.root]}${item.path} not found (or excluded)`;
    }
    case "folder": {
      const prefix = `${PREFIX[item.root]}${item.path}/`;
      const files = input.files.filter((file) => file.viewPath.startsWith(prefix));
      return files.length > 0 ? files : `no text files under ${prefix}`;
    }
    case "sdk-manifest": {
      const profile = input.profile;
      if (profile === undefined)
        return `no manifest recognised at the SDK's top level (looked for ${allManifests()})`;
      return sdkFiles().filter(
        (file) => !file.viewPath.includes("/") && isManifestOf(profile, file.viewPath),
      );
    }
    case "sdk-sources":
    case "sdk-tests": {
      const profile = input.profile;
      if (profile === undefined) return "unknown SDK language, so no source or test folders to read";
      const wantTests = item.kind === "sdk-tests";
      const folders = wantTests ? profile.testFolders : profile.sourceFolders;
      const files = sdkFiles().filter((file) => belongs(profile, file.viewPath, wantTests));
      const where = folders.map((folder) => (folder === "" ? "the checkout" : `${folder}/`)).join(", ");
      return files.length > 0
        ? files
        : `no ${wantTests ? "test" : "source"} files under ${where} (${profile.language})`;
    }
  }
}

function belongs(profile: SdkLanguageProfile, viewPath: string, wantTests: boolean): boolean {
  const isTest = isTestFile(profile, viewPath);
  if (wantTests !== isTest) return false;
  const folders = wantTests ? profile.testFolders : profile.sourceFolders;
  return folders.some((folder) =>
    folder === ""
      ? profile.sourceExtensions.some((ext) => viewPath.endsWith(ext))
      : viewPath.startsWith(`${folder}/`),
  );
}

function allManifests(): string {
  return [...new Set(SDK_LANGUAGE_PROFILES.flatMap((profile) => profile.manifests))].join(", ");
}
