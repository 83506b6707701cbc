import { readFileSync } from "node:fs";
import { builtinBootstrapPath } from "../../src/pipeline/compile-bootstrap-source.js";
import { type LoadedProgram, loadPhaseDefinitions } from "../../src/pipeline/load-phase-definitions.js";
import type { BootstrapSource } from "../../src/workspace/read-bootstrap-source.js";

/** The seed bootstrap the tool ships, as the workspace layer hands it over. */
export function builtinBootstrap(): BootstrapSource {
  const path = builtinBootstrapPath();
  return { path, text: readFileSync(path, "utf8"), origin: "builtin" };
}

/** The program a checkout without BOOTSTRAP.md runs: the seed with the built-in overrides. */
export function loadBuiltinProgram(overridesDir?: string): Promise<LoadedProgram> {
  return loadPhaseDefinitions({ bootstrap: builtinBootstrap() }, overridesDir);
}
