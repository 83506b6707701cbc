import { join } from "node:path";
import type { PlanHeading } from "../lint/lint-context.js";
import { type LintReport, lintParsedDocument } from "../lint/lint-markdown.js";
import { parsePlanDocument, planHeadings } from "../lint/plan-document.js";
import { buildLintContext } from "./load-lint-context.js";
import type { RunInputs } from "./load-run-inputs.js";

/**
 * Lints phase outputs during a run. Plans written earlier in the same run become siblings at once,
 * so "`01-spec-delta.md` §2" in phase 2 resolves against the 01 that was just written, not an old one.
 * The headings of every answer linted are kept until its phase is written, so writing costs no parse.
 */
export class PlanLinter {
  private readonly written = new Map<string, PlanHeading[]>();
  /** Per output file: headings of each answer linted so far (repairs give several), by text. */
  private readonly linted = new Map<string, Map<string, PlanHeading[]>>();

  constructor(private readonly inputs: RunInputs) {}

  lint(output: string, text: string): LintReport {
    const base = buildLintContext(this.inputs.lint, join(this.inputs.workspace.outDir, output));
    const doc = parsePlanDocument(text);
    const answers = this.linted.get(output) ?? new Map<string, PlanHeading[]>();
    answers.set(text, planHeadings(doc));
    this.linted.set(output, answers);
    return lintParsedDocument(doc, { ...base, siblings: new Map([...base.siblings, ...this.written]) });
  }

  recordWritten(output: string, text: string): void {
    const headings = this.linted.get(output)?.get(text) ?? planHeadings(parsePlanDocument(text));
    this.linted.delete(output);
    this.written.set(output, headings);
  }
}
