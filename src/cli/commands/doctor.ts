import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { isArcpPlanError } from "../../errors/arcp-plan-error.js";
import { API_KEY_ENV, AUTH_TOKEN_ENV, credentialSource } from "../../llm/api-key.js";
import { bootstrapClaims } from "../../pipeline/bootstrap-claims.js";
import { loadProgramBundle } from "../../pipeline/load-program-bundle.js";
import { openWorkspace } from "../../pipeline/open-workspace.js";
import { buildDriftChecks, type Check, type CheckStatus } from "../../workspace/build-drift-checks.js";
import type { Workspace } from "../../workspace/resolve-workspace.js";
import { readSpecDrafts, type SpecDrafts } from "../../workspace/spec-drafts.js";
import { readWorkspaceFacts } from "../../workspace/workspace-facts.js";
import { checkConfigSettings } from "../check-config-settings.js";
import type { CommandContext, CommandOutcome } from "../command-outcome.js";
import type { WorkspaceFlags } from "../prepare-pipeline.js";
import { formatRedactions } from "../render/format-secrets.js";

export interface DoctorOptions extends WorkspaceFlags {
  /** The user's override folder to check (config: pipeline.prompts). */
  prompts?: string;
  json?: boolean;
}

const MIN_NODE = [20, 19] as const;
const n = (value: number) => value.toLocaleString("en-US");

/**
 * `arcp-plan doctor`: one line per check. Unlike other commands it reports a missing workspace part or
 * a broken config file as a failed check (exit 1) instead of stopping (exit 2), so every problem shows
 * at once. Never prints the API key, only whether it is set.
 */
export async function doctorCommand(options: DoctorOptions & CommandContext): Promise<CommandOutcome> {
  const checks: Check[] = [checkNode(process.versions.node), checkApiKey(options.env)];
  let workspace: Workspace | undefined;
  try {
    workspace = await openWorkspace(options);
  } catch (error) {
    if (!isArcpPlanError(error) || (error.kind !== "workspace" && error.kind !== "config")) throw error;
    checks.push({
      id: error.kind,
      status: "fail",
      message: error.message,
      details: [...error.details, ...(error.hint ? [`hint: ${error.hint}`] : [])],
    });
  }
  const promptsDir = options.prompts ? resolve(options.cwd, options.prompts) : undefined;
  if (workspace !== undefined) checks.push(...(await checkWorkspace(workspace, promptsDir)));

  const failed = checks.some((check) => check.status === "fail");
  const stdout = options.json
    ? `${JSON.stringify({ checks, summary: summarize(checks) }, null, 2)}\n`
    : renderChecks(checks);
  return { stdout, status: failed ? "problems" : "ok" };
}

async function checkWorkspace(workspace: Workspace, promptsDir: string | undefined): Promise<Check[]> {
  const { roots } = workspace;
  const checks: Check[] = [
    {
      id: "config",
      status: "ok",
      message: workspace.configPath
        ? `config: ${workspace.configPath}`
        : "config: none found, using defaults",
    },
    { id: "workspace.sdk", status: "ok", message: `SDK checkout: ${roots.sdk}` },
    { id: "workspace.spec", status: "ok", message: `spec: ${workspace.specFile ?? roots.spec}` },
    { id: "workspace.reference", status: "ok", message: `TypeScript reference: ${roots.reference}` },
    await checkOutDir(workspace.outDir),
    ...(await checkConfigSettings(workspace, promptsDir)),
  ];

  let drafts: SpecDrafts | undefined;
  try {
    drafts = await readSpecDrafts(workspace);
    const { current, previous, all } = drafts;
    checks.push({
      id: "spec.current",
      status: "ok",
      message: `v${current.version} draft: ${current.viewPath} (states version ${current.version}; ${current.sections.length} numbered sections)`,
    });
    checks.push(
      previous
        ? {
            id: "spec.previous",
            status: "ok",
            message: `v${previous.version} draft: ${previous.viewPath} (states version ${previous.version}; ${previous.sections.length} numbered sections)`,
          }
        : {
            id: "spec.previous",
            status: "warn",
            message: `draft before v${current.version}: not found; the linter cannot check references to the previous version's sections`,
          },
    );
    const claimants = all.filter((draft) => draft.version === current.version);
    if (claimants.length > 1) {
      checks.push({
        id: "spec.duplicates",
        status: "warn",
        message: `${claimants.length} drafts state version ${current.version}; using ${current.viewPath}`,
        details: claimants.map((draft) => draft.viewPath),
      });
    }
  } catch (error) {
    if (!isArcpPlanError(error)) throw error;
    checks.push({
      id: "spec.current",
      status: "fail",
      message: error.message,
      details: [...error.details, ...(error.hint ? [`hint: ${error.hint}`] : [])],
    });
  }

  const examplesReadme = await readFile(join(roots.reference, "examples", "README.md"), "utf8").catch(
    () => undefined, // Reported below as a missing reading-list item.
  );
  const claims = bootstrapClaims(workspace.bootstrap);
  checks.push(...buildDriftChecks(await readWorkspaceFacts(workspace), drafts, claims, examplesReadme));

  const bundle = await loadProgramBundle(workspace);
  const { totals } = bundle;
  checks.push({
    id: "bundle",
    status: "ok",
    message: `bundle: ${totals.files} files, ~${n(totals.tokens)} tokens; sends ~${n(totals.sentTokens)} of ${n(bundle.budgetTokens)} (${totals.omitted} omitted)`,
  });
  const { withheld } = bundle;
  checks.push({
    id: "secrets",
    status: "ok",
    message: `secrets: ${withheld.length} file${withheld.length === 1 ? "" : "s"} withheld from the bundle and the tools, ${formatRedactions(bundle.redactions)} redacted in the bundle (never sent)`,
    details: withheld.map(
      (file) =>
        `withheld ${file.viewPath} (${file.kind}${file.gitIgnored ? "" : "; git does not ignore it"})`,
    ),
  });
  for (const item of bundle.missing) {
    checks.push({
      id: "bundle.missing",
      status: "warn",
      message: `reading list: ${item.item} missing (${item.reason})`,
    });
  }
  return checks;
}

async function checkOutDir(outDir: string): Promise<Check> {
  try {
    const info = await stat(outDir);
    return info.isDirectory()
      ? { id: "workspace.out", status: "ok", message: `output folder: ${outDir}` }
      : {
          id: "workspace.out",
          status: "fail",
          message: `output folder: ${outDir} exists and is not a folder`,
          details: ["hint: pass --out DIR or set workspace.out in arcp-plan.config.json"],
        };
  } catch {
    return {
      id: "workspace.out",
      status: "ok",
      message: `output folder: ${outDir} (created on the first run)`,
    };
  }
}

/** Pure: Node version against the supported floor. */
export function checkNode(version: string): Check {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const supported = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return {
    id: "node",
    status: supported ? "ok" : "fail",
    message: `Node ${version} (needs >= ${MIN_NODE.join(".")})`,
  };
}

/** Pure: whether a key (or a bearer token) is set, and which run and phase would use. Never the value. */
export function checkApiKey(env: NodeJS.ProcessEnv): Check {
  const source = credentialSource(env);
  return source
    ? { id: "api-key", status: "ok", message: `${source}: set` }
    : {
        id: "api-key",
        status: "warn",
        message: `${API_KEY_ENV}: not set (needed by run and phase; doctor, bundle and lint work without it; ${AUTH_TOKEN_ENV} works too)`,
      };
}

function summarize(checks: readonly Check[]): Record<CheckStatus, number> {
  const summary: Record<CheckStatus, number> = { ok: 0, warn: 0, fail: 0 };
  for (const check of checks) summary[check.status] += 1;
  return summary;
}

/** Pure: one line per check, details indented below it, a summary line last. */
export function renderChecks(checks: readonly Check[]): string {
  const lines: string[] = [];
  for (const check of checks) {
    lines.push(`${check.status.padEnd(4)}  ${check.message}`);
    for (const detail of check.details ?? []) lines.push(`      ${detail}`);
  }
  const summary = summarize(checks);
  lines.push("", `${summary.ok} ok, ${summary.warn} warn, ${summary.fail} fail`);
  return `${lines.join("\n")}\n`;
}
