import type { LintContext } from "./lint-context.js";
import type { PlanDocument } from "./plan-document.js";
import type { RuleId } from "./preset.js";

/**
 * How sure a rule is of one finding. `doubt` caps it at a warning whatever the rule's severity: errors
 * are for certainties, and each false error costs a repair round in `run`.
 */
export type Certainty = "sure" | "doubt";

/** Reports one finding at a source offset range; offset 0 is the document as a whole. */
export type Report = (reason: string, start: number, end?: number, certainty?: Certainty) => void;

/** One rule, remark-lint style: a small pure function over the parsed plan and the context. */
export interface LintRule {
  id: RuleId;
  /** One line for the README and SARIF. */
  description: string;
  check: (doc: PlanDocument, context: LintContext, report: Report) => void;
}
