import type { BootstrapClaims } from "../workspace/build-drift-checks.js";
import type { BootstrapSource } from "../workspace/read-bootstrap-source.js";
import { compileBootstrapSource } from "./compile-bootstrap-source.js";

/** What the bootstrap in force asserts about the workspace, in the drift checks' terms. */
export function bootstrapClaims(source: BootstrapSource): BootstrapClaims {
  const compiled = compileBootstrapSource(source);
  return {
    source: source.path,
    exampleCount: compiled.claims.exampleCount?.value,
    middleware: compiled.claims.middleware?.value,
    specViewPath: compiled.specDraft?.value,
    language: compiled.language?.value,
  };
}
