import type { LintContext, PlanHeading } from "../../lint/lint-context.js";
import type { LintSettings } from "../../lint/preset.js";
import type { StructureCheck } from "../../lint/structure-check.js";
import { createTextReader, type LintContextSource } from "../../pipeline/build-lint-context.js";
import type { LintEnvironment } from "../../pipeline/load-lint-context.js";
import type { WorkspaceRoots } from "../../workspace/view-path.js";

/**
 * The part of a `LintEnvironment` a worker thread needs, as plain data: sets and maps become arrays
 * and `readText` is left behind (a function cannot cross threads); the worker rebuilds it from the roots.
 */
export interface PortableLintEnvironment {
  roots: WorkspaceRoots;
  files: string[];
  spec: LintContext["spec"];
  facts: LintContext["facts"];
  siblings: [string, readonly PlanHeading[]][];
  phaseFiles: readonly string[];
  settings: LintSettings;
  phaseChecks: { output: string; checks: readonly StructureCheck[] }[];
}

export function toPortableLintEnvironment(environment: LintEnvironment): PortableLintEnvironment {
  const { shared } = environment;
  return {
    roots: environment.workspace.roots,
    files: [...shared.files],
    spec: shared.spec,
    facts: shared.facts,
    siblings: [...shared.siblings],
    phaseFiles: shared.phaseFiles,
    settings: shared.settings,
    phaseChecks: environment.phases.map((phase) => ({ output: phase.output, checks: phase.checks })),
  };
}

export function restoreLintEnvironment(data: PortableLintEnvironment): LintContextSource {
  return {
    workspace: { roots: data.roots },
    phases: data.phaseChecks,
    shared: {
      files: new Set(data.files),
      readText: createTextReader(data.roots),
      spec: data.spec,
      facts: data.facts,
      siblings: new Map(data.siblings),
      phaseFiles: data.phaseFiles,
      settings: data.settings,
    },
  };
}
