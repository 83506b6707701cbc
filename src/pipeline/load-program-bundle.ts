import { type LoadBundleOptions, type LoadedBundle, loadBundle } from "../workspace/load-bundle.js";
import type { Workspace } from "../workspace/resolve-workspace.js";
import { compileBootstrapSource } from "./compile-bootstrap-source.js";
import { readingListBundlePlan } from "./reading-list-bundle-plan.js";

/** The context bundle in the order of the bootstrap in force's reading list. */
export function loadProgramBundle(
  workspace: Workspace,
  options: Omit<LoadBundleOptions, "plan"> = {},
): Promise<LoadedBundle> {
  const { readingList } = compileBootstrapSource(workspace.bootstrap);
  return loadBundle(workspace, { ...options, plan: readingListBundlePlan(readingList) });
}
