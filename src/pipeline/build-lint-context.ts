import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import type { LintContext } from "../lint/lint-context.js";
import type { StructureCheck } from "../lint/structure-check.js";
import { resolveViewPath, toViewPath, type WorkspaceRoots } from "../workspace/view-path.js";

/*
 * The per-file half of the lint context: pure, apart from the I/O of `load-lint-context.ts`.
 */

/** What `buildLintContext` reads of an environment. */
export interface LintContextSource {
  workspace: { roots: WorkspaceRoots };
  phases: readonly { output: string; checks: readonly StructureCheck[] }[];
  shared: Omit<LintContext, "planPath" | "checks">;
}

/** The context for one plan file (absolute path); its phase's checks are matched by file name. */
export function buildLintContext(environment: LintContextSource, absolutePath: string): LintContext {
  const name = basename(absolutePath);
  const phase = environment.phases.find((candidate) => candidate.output === name);
  return {
    ...environment.shared,
    planPath: toViewPath(environment.workspace.roots, resolve(absolutePath)),
    checks: phase?.checks ?? [],
  };
}

/**
 * `readText` for rules: a workspace file's text by view path, read on first use and kept. Synchronous
 * on purpose: rules are synchronous and pure, and this is the one lookup they may call.
 */
export function createTextReader(roots: WorkspaceRoots): LintContext["readText"] {
  const texts = new Map<string, string | undefined>();
  return (viewPath) => {
    if (!texts.has(viewPath)) {
      const resolved = resolveViewPath(roots, viewPath);
      let text: string | undefined;
      try {
        text = resolved.ok ? readFileSync(resolved.absolute, "utf8") : undefined;
      } catch {
        text = undefined;
      }
      texts.set(viewPath, text);
    }
    return texts.get(viewPath);
  };
}
