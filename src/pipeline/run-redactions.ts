import { addRedactionCounts, type RedactionCounts } from "../workspace/secrets/redact-secrets.js";
import type { RunInputs } from "./load-run-inputs.js";
import type { RunSummary } from "./pipeline-events.js";
import type { UpstreamPlanOnDisk } from "./read-upstream-plans.js";

/**
 * What one run kept out of its requests, for the summary: the bundle's redactions (counted once, when
 * the first phase sends it: it is the same text in every request), those of the upstream plans each
 * phase sends, and the tools' own count.
 */
export class RunRedactions {
  readonly #counts: RedactionCounts = {};
  #bundleSent = false;

  constructor(private readonly inputs: RunInputs) {}

  bundleSent(): void {
    if (!this.#bundleSent) addRedactionCounts(this.#counts, this.inputs.bundle.redactions);
    this.#bundleSent = true;
  }

  /** The plans as they are sent: redacted (their hashes stay those of the files, for the keys). */
  redactUpstream<Plan extends Pick<UpstreamPlanOnDisk, "text">>(plans: readonly Plan[]): Plan[] {
    return plans.map((plan) => {
      const redacted = this.inputs.secrets.redact(plan.text);
      addRedactionCounts(this.#counts, redacted.counts);
      return { ...plan, text: redacted.text };
    });
  }

  summary(toolRedactions: RedactionCounts): RunSummary["secrets"] {
    return {
      withheldFiles: this.inputs.bundle.withheld.length,
      redactions: addRedactionCounts({ ...this.#counts }, toolRedactions),
    };
  }
}
