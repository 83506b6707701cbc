import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import pLimit from "p-limit";
import { isArcpPlanError } from "../errors/arcp-plan-error.js";
import { type Bundle, buildBundle, DEFAULT_BUNDLE_BUDGET_TOKENS, layoutBundle } from "./build-bundle.js";
import { buildBundleCandidates } from "./build-bundle-candidates.js";
import type { BundleItem } from "./bundle-plan.js";
import type { Workspace } from "./resolve-workspace.js";
import { detectSdkLanguage, withCheckoutLayout } from "./sdk-language-profiles.js";
import { addRedactionCounts, type RedactionCounts } from "./secrets/redact-secrets.js";
import { buildSecretPolicy, type SecretPolicy } from "./secrets/secret-policy.js";
import { readSpecDrafts } from "./spec-drafts.js";
import { listWorkspaceContents, type WithheldFile } from "./workspace-files.js";

export type { Bundle, BundleEntry, BundleStatus, BundleTotals } from "./build-bundle.js";

export interface LoadBundleOptions {
  /** What to read, in order (made from the bootstrap's reading list). */
  plan: readonly BundleItem[];
  /** Overrides config `bundle.budgetTokens` (the `--budget` flag). */
  budgetTokens?: number;
  /** The run's policy; built from config `secrets` when absent. */
  secrets?: SecretPolicy;
}

/** The bundle as sent, with what the secret policy kept out of it. */
export interface LoadedBundle extends Bundle {
  /** Files withheld as secrets (never read). */
  withheld: WithheldFile[];
  /** Credential-shaped strings replaced in the files sent, by kind. */
  redactions: RedactionCounts;
}

/**
 * Builds the context bundle for a workspace: lists files, resolves the bootstrap's reading list,
 * budgets by size, then reads only what is sent. Missing list items are reported, never fatal; only
 * unreadable workspace roots (checked by `resolveWorkspace`) stop it. Secret-looking files are never
 * listed; credential-shaped strings in what is sent are redacted (the hashes stay those of the files
 * on disk, so run-record keys still follow the files).
 */
export async function loadBundle(workspace: Workspace, options: LoadBundleOptions): Promise<LoadedBundle> {
  const budgetTokens =
    options.budgetTokens ?? workspace.config.bundle?.budgetTokens ?? DEFAULT_BUNDLE_BUDGET_TOKENS;
  const secrets = options.secrets ?? buildSecretPolicy(workspace.config.secrets);
  const [{ files, withheld }, drafts] = await Promise.all([
    listWorkspaceContents(workspace.roots, { exclude: workspace.config.bundle?.exclude, secrets }),
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
  const { plan } = options;
  const { candidates, missing } = buildBundleCandidates({ plan, files, drafts, profile });
  const slots = layoutBundle(candidates, budgetTokens);

  const limit = pLimit(32);
  const contents = new Map<string, { text: string; sha256: string }>();
  const redactions: RedactionCounts = {};
  await Promise.all(
    slots
      .filter((slot) => slot.status !== "omitted")
      .map((slot) =>
        limit(async () => {
          const bytes = await readFile(slot.candidate.absolute);
          // Redacted whole, before any truncation: a key block cut in half is still recognised.
          const redacted = secrets.redact(bytes.toString("utf8"));
          addRedactionCounts(redactions, redacted.counts);
          contents.set(slot.candidate.viewPath, {
            text: redacted.text,
            sha256: createHash("sha256").update(bytes).digest("hex"),
          });
        }),
      ),
  );
  const bundle = buildBundle(slots, contents, missing, budgetTokens, profile?.language ?? "unknown");
  return { ...bundle, withheld, redactions };
}
