import { compile } from "./check-pattern.js";
import { escapeRegExp } from "./escape-reg-exp.js";
import type { WorkspaceList } from "./structure-check.js";

/** Maximal runs of `[\w-]` in the text, lower-cased with `_` as `-` (how `mentionsItem` compares). */
export function wordRuns(text: string): Set<string> {
  return new Set((text.match(/[\w-]+/g) ?? []).map(normalizeRun));
}

function normalizeRun(run: string): string {
  return run.toLowerCase().replace(/_/g, "-");
}

/**
 * Whether the text names the item as a whole word (`-` and `_` alike, any case). With `runs`, a name is
 * tried only when each of its `[\w-]` parts occurs in the text as a whole run, which every match
 * implies: a thousand-module workspace is then one pass over the plan, not a regex scan per module.
 */
export function mentionsItem(
  text: string,
  item: string,
  list: WorkspaceList,
  runs?: ReadonlySet<string>,
): boolean {
  const names = list === "sdk-modules" ? [item, item.split("/").at(-1) ?? item] : [item];
  return names.some((name) => {
    if (runs && !(name.match(/[\w-]+/g) ?? []).every((part) => runs.has(normalizeRun(part)))) return false;
    const flexible = escapeRegExp(name).replace(/[-_]/g, "[-_]");
    return compile(`(?<![\\w-])${flexible}(?![\\w-])`)?.test(text) ?? false;
  });
}
