import { ArcpPlanError, isArcpPlanError } from "../../errors/arcp-plan-error.js";
import { loadProgramBundle } from "../../pipeline/load-program-bundle.js";
import { openWorkspace } from "../../pipeline/open-workspace.js";
import type { LoadedBundle } from "../../workspace/load-bundle.js";
import type { Workspace } from "../../workspace/resolve-workspace.js";
import type { CommandContext, CommandOutcome } from "../command-outcome.js";
import type { WorkspaceFlags } from "../prepare-pipeline.js";
import { formatRedactions } from "../render/format-secrets.js";

export interface BundleOptions extends WorkspaceFlags {
  phase?: string;
  budget?: number;
  json?: boolean;
}

/**
 * `arcp-plan bundle`: the context bundle every phase receives, measured. Missing reading-list items
 * are listed, not fatal, so the outcome is always "ok" once the workspace resolves.
 */
export async function bundleCommand(options: BundleOptions & CommandContext): Promise<CommandOutcome> {
  const workspace = await openWorkspace(options);
  const phase = options.phase === undefined ? undefined : await checkPhase(workspace, options.phase);
  const bundle = await loadProgramBundle(workspace, { budgetTokens: options.budget });
  if (options.json) {
    return { stdout: `${JSON.stringify(toJson(bundle, workspace, phase), null, 2)}\n`, status: "ok" };
  }
  return { stdout: renderBundleTable(bundle, workspace, phase), status: "ok" };
}

/** Phases all share one bundle (it is the cached prompt prefix); `--phase` checks the id exists. */
async function checkPhase(workspace: Workspace, id: string): Promise<string> {
  // Loaded only for --phase: prompt parsing pulls in yaml and the phase schema.
  const { loadPhaseDefinitions, resolvePromptsDir } = await import(
    "../../pipeline/load-phase-definitions.js"
  );
  const promptsDir = resolvePromptsDir(workspace);
  let ids: string[];
  try {
    ids = (await loadPhaseDefinitions(workspace, promptsDir)).phases.map((phase) => phase.id);
  } catch (error) {
    if (!isArcpPlanError(error)) throw error;
    throw new ArcpPlanError(
      "usage",
      `cannot check --phase ${id}: phases are not available (${error.message})`,
      {
        details: error.details,
        hint: "run 'arcp-plan bundle' without --phase; every phase receives the same bundle",
      },
    );
  }
  if (!ids.includes(id)) {
    throw new ArcpPlanError("usage", `unknown phase '${id}'`, { hint: `use one of: ${ids.join(", ")}` });
  }
  return id;
}

function toJson(bundle: LoadedBundle, workspace: Workspace, phase: string | undefined) {
  return {
    roots: workspace.roots,
    phase: phase ?? null,
    sdkLanguage: bundle.sdkLanguage,
    budgetTokens: bundle.budgetTokens,
    entries: bundle.entries.map(({ content: _content, ...entry }) => entry),
    missing: bundle.missing,
    totals: bundle.totals,
    withheld: bundle.withheld,
    redactions: bundle.redactions,
  };
}

const number = (value: number) => value.toLocaleString("en-US");

/** Pure: the human table (file, bytes, est. tokens, status, totals, missing items). */
export function renderBundleTable(
  bundle: LoadedBundle,
  workspace: Workspace,
  phase: string | undefined,
): string {
  const lines: string[] = [];
  const scope = phase === undefined ? "" : ` as phase ${phase} sees it (every phase shares it)`;
  lines.push(`Context bundle for ${workspace.roots.sdk} (${bundle.sdkLanguage} SDK)${scope}`);
  lines.push(`budget: ${number(bundle.budgetTokens)} tokens (estimated as UTF-8 bytes / 3.5)`, "");

  const rows = bundle.entries.map((entry) => [
    entry.viewPath,
    number(entry.bytes),
    number(entry.tokens),
    entry.status === "truncated" ? `truncated (${number(entry.sentTokens)} sent)` : entry.status,
  ]);
  const header = ["file", "bytes", "est. tokens", "status"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const format = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 1 || column === 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join("  ")
      .trimEnd();
  lines.push(format(header), format(widths.map((width) => "-".repeat(width))));
  for (const row of rows) lines.push(format(row));

  const { totals } = bundle;
  lines.push(
    "",
    `totals: ${totals.files} files, ${number(totals.bytes)} bytes, ~${number(totals.tokens)} tokens; ` +
      `sent ~${number(totals.sentTokens)} of ${number(bundle.budgetTokens)} (${totals.included} included, ` +
      `${totals.truncated} truncated, ${totals.omitted} omitted)`,
  );
  if (totals.truncated + totals.omitted > 0) {
    lines.push(
      "omitted and truncated files stay readable by the model through read_file; raise --budget to send more",
    );
  }
  lines.push(
    `secrets: ${bundle.withheld.length} file(s) withheld (${bundle.withheld.map((file) => file.viewPath).join(", ") || "none"}), ${formatRedactions(bundle.redactions)} redacted`,
  );
  if (bundle.missing.length > 0) {
    lines.push("", "missing from the bootstrap's reading list (skipped):");
    for (const item of bundle.missing) lines.push(`  ${item.item}: ${item.reason}`);
  }
  return `${lines.join("\n")}\n`;
}
