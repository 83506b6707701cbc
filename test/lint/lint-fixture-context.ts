import { join } from "node:path";
import type { LintContext } from "../../src/lint/lint-context.js";
import {
  buildLintContext,
  type LintEnvironment,
  loadLintEnvironment,
} from "../../src/pipeline/load-lint-context.js";
import { openWorkspace } from "../../src/pipeline/open-workspace.js";
import { repoRoot } from "../support/run-cli.js";

export const fixtureSdk = join(repoRoot, "fixtures/workspace/python-sdk");
export const lintFixtures = join(repoRoot, "fixtures/lint");

let environment: Promise<LintEnvironment> | undefined;

/** The fixture workspace read once per test file, as `arcp-plan lint` reads it. */
export function fixtureEnvironment(): Promise<LintEnvironment> {
  environment ??= openWorkspace({ cwd: fixtureSdk }).then((workspace) => loadLintEnvironment(workspace));
  return environment;
}

/** The context for a plan at `viewPath` inside the fixture SDK ("planning/v1.1/02-current-audit.md"). */
export async function fixtureContext(viewPath: string): Promise<LintContext> {
  return buildLintContext(await fixtureEnvironment(), join(fixtureSdk, viewPath));
}
