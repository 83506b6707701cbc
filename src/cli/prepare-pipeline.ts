import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import { findPhaseId } from "../pipeline/find-phase-id.js";
import { loadRunInputs, type RunInputs } from "../pipeline/load-run-inputs.js";
import { openWorkspace } from "../pipeline/open-workspace.js";
import type { PipelineFlags } from "../pipeline/pipeline-settings.js";
import { resolvePipelineSettings } from "../pipeline/pipeline-settings.js";
import { readRunRecord, runStateDir } from "../pipeline/run-record.js";
import type { CommandContext } from "./command-outcome.js";

/** Workspace flags shared by every command that reads a workspace. */
export interface WorkspaceFlags {
  sdk?: string;
  spec?: string;
  reference?: string;
  out?: string;
  config?: string;
  bootstrap?: string;
}

/** Resolves the workspace and settings (flag > config > default) and loads prompts, graph, bundle, lint data. */
export async function preparePipeline(
  options: WorkspaceFlags & PipelineFlags & CommandContext,
): Promise<RunInputs> {
  const workspace = await openWorkspace(options);
  // A record that cannot be read remembers nothing; the command that reads it again reports why.
  const { record } = await readRunRecord(runStateDir(workspace.outDir));
  const settings = resolvePipelineSettings(workspace, options, options.cwd, { schedule: record.schedule });
  return loadRunInputs(workspace, settings);
}

/** A phase given on the command line (an id or a table number) must be one of the pipeline's; its id. */
export function requireKnownPhase(inputs: RunInputs, selector: string, flag: string): string {
  const id = findPhaseId(inputs.compiled.phases, selector);
  if (id === undefined || !inputs.graph.has(id)) {
    throw new ArcpPlanError("usage", `unknown phase '${selector}' for ${flag}`, {
      hint: `use one of: ${inputs.graph.ids.join(", ")} (or its number)`,
    });
  }
  return id;
}
