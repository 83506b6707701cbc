import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import pLimit from "p-limit";
import { isArcpPlanError } from "../errors/arcp-plan-error.js";
import { type Bundle, buildBundle, DEFAULT_BUNDLE_BUDGET_TOKENS, layoutBundle } from "./build-bundle.js";
import { buildBundleCandidates } from "./build-bundle-candidates.js";
import { BUNDLE_PLAN } from "./bundle-plan.js";
import type { Workspace } from "./resolve-workspace.js";
import { detectSdkLanguage, withCheckoutLayout } from "./sdk-language-profiles.js";
import { readSpecDrafts } from "./spec-drafts.js";
import { listWorkspaceFiles } from "./workspace-files.js";

export type { Bundle, BundleEntry, BundleStatus, BundleTotals } from "./build-bundle.js";

export interface LoadBundleOptions {
  /** Overrides config `bundle.budgetTokens` (the `--budget` flag). */
  budgetTokens?: number;
}

/**
 * Builds the context bundle for a workspace: lists files, resolves the bootstrap's reading list,
 * budgets by size, then reads only what is sent. Missing list items are reported, never fatal; only
 * unreadable workspace roots (checked by `resolveWorkspace`) stop it.
 */
export async function loadBundle(workspace: Workspace, options: LoadBundleOptions = {}): Promise<Bundle> {
  const budgetTokens =
    options.budgetTokens ?? workspace.config.bundle?.budgetTokens ?? DEFAULT_BUNDLE_BUDGET_TOKENS;
  const [files, drafts] = await Promise.all([
    listWorkspaceFiles(workspace.roots, { exclude: workspace.config.bundle?.exclude }),
    readSpecDrafts(workspace).catch((error: unknown) => {
      if (isArcpPlanError(error)) return { error: error.message };
      throw error;
    }),
  ]);
  const sdkPaths = files.filter((file) => file.root === "sdk").map((file) => file.viewPath);
  const profile = withCheckoutLayout(
    detectSdkLanguage(sdkPaths.filter((viewPath) => !viewPath.includes("/"))),
    sdkPaths,
  );
  const { candidates, missing } = buildBundleCandidates({ plan: BUNDLE_PLAN, files, drafts, profile });
  const slots = layoutBundle(candidates, budgetTokens);

  const limit = pLimit(32);
  const contents = new Map<string, { text: string; sha256: string }>();
  await Promise.all(
    slots
      .filter((slot) => slot.status !== "omitted")
      .map((slot) =>
        limit(async () => {
          const bytes = await readFile(slot.candidate.absolute);
          contents.set(slot.candidate.viewPath, {
            text: bytes.toString("utf8"),
            sha256: createHash("sha256").update(bytes).digest("hex"),
          });
        }),
      ),
  );
  return buildBundle(slots, contents, missing, budgetTokens, profile?.language ?? "unknown");
}
