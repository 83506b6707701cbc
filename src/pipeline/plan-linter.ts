import { join } from "node:path";
import type { PlanHeading } from "../lint/lint-context.js";
import { type LintReport, lintDocument } from "../lint/lint-markdown.js";
import { buildLintContext, extractPlanHeadings } from "./load-lint-context.js";
import type { RunInputs } from "./load-run-inputs.js";

/**
 * Lints phase outputs during a run. Plans written earlier in the same run become siblings at once,
 * so "`01-spec-delta.md` §2" in phase 2 resolves against the 01 that was just written, not an old one.
 */
export class PlanLinter {
  private readonly written = new Map<string, PlanHeading[]>();

  constructor(private readonly inputs: RunInputs) {}

  lint(output: string, text: string): LintReport {
    const base = buildLintContext(this.inputs.lint, join(this.inputs.workspace.outDir, output));
    const siblings = new Map([...base.siblings, ...this.written]);
    return lintDocument(text, { ...base, siblings });
  }

  recordWritten(output: string, text: string): void {
    this.written.set(output, extractPlanHeadings(text));
  }
}
