import type { LintContext } from "./lint-context.js";
import type { PlanDocument } from "./plan-document.js";
import type { RuleId } from "./preset.js";

/** Reports one finding at a source offset range; offset 0 is the document as a whole. */
export type Report = (reason: string, start: number, end?: number) => void;

/** One rule, remark-lint style: a small pure function over the parsed plan and the context. */
export interface LintRule {
  id: RuleId;
  /** One line for the README and SARIF. */
  description: string;
  check: (doc: PlanDocument, context: LintContext, report: Report) => void;
}
