import type { BootstrapDocument } from "./bootstrap-document.js";
import type { DerivedCheck } from "./compiled-bootstrap.js";
import { deriveConcernChecks } from "./derive-concern-checks.js";
import { deriveFactChecks } from "./derive-fact-checks.js";
import { deriveNumberChecks } from "./derive-number-checks.js";
import { deriveRowPerItemChecks } from "./derive-row-per-item-checks.js";
import { deriveTableChecks } from "./derive-table-checks.js";
import type { PhaseSection } from "./find-phase-sections.js";

/**
 * The structure checks a phase's own text implies, read from its whole section (quoted prompt
 * included). Each names only what that text names, so a Rust bootstrap never yields a check for a
 * Python library. Workspace facts (the draft's new error codes, the examples that exist) are data the
 * linter counts; the check only names which list.
 */
export function derivePhaseChecks(doc: BootstrapDocument, phase: PhaseSection): DerivedCheck[] {
  const nodes = phase.section.nodes;
  return [
    ...deriveConcernChecks(doc, nodes),
    ...deriveRowPerItemChecks(doc, nodes),
    ...deriveTableChecks(doc, nodes),
    ...deriveFactChecks(doc, nodes),
    ...deriveNumberChecks(doc, nodes),
  ];
}
