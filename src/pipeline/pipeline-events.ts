import type { Usage } from "../llm/usage.js";
import type { RedactionCounts } from "../workspace/secrets/redact-secrets.js";
import type { KeptCopy } from "./run-record.js";

/** Final state of one phase in one run. */
export type PhaseRunState =
  /** Inputs and file unchanged since the recorded run: not re-run. */
  | "fresh"
  /** Ran; plan written and lint-clean. */
  | "done"
  /** Ran; plan written (so a person can see it) with lint errors left. */
  | "failed-lint"
  /** Ran and produced nothing usable (model error, truncated answer); the previous file is untouched. */
  | "failed"
  /** Not run: an upstream phase failed, or the cost cap could not afford it (reason starts "cost cap"). */
  | "skipped"
  /** Not run or stopped: the run was interrupted. */
  | "aborted";

export interface PhaseSummary {
  phase: string;
  state: PhaseRunState;
  /** Output path as seen from the SDK checkout, when a file was written or kept. */
  file?: string;
  model?: string;
  errors?: number;
  warnings?: number;
  repairRounds?: number;
  usage?: Usage;
  /** US dollars; undefined when the model has no price. */
  costUsd?: number;
  /** Share of the phase's prompt tokens read from the cache (0..1). */
  cacheReadShare?: number;
  durationMs?: number;
  /** Why it failed or was skipped, or why a fresh plan counts as fresh. */
  reason?: string;
  /** The plan it overwrote was not what arcp-plan last wrote: where the copy went. */
  kept?: KeptCopy;
}

export interface RunSummary {
  phases: PhaseSummary[];
  filesWritten: string[];
  usage: Usage;
  costUsd: number;
  /** True when some phase ran on a model without a price (cost is then a lower bound). */
  costIncomplete: boolean;
  /** Share of prompt tokens read from the cache, over the phases that ran. */
  cacheHitRate: number | undefined;
  /** Share for the fan-out (phases that share an upstream prefix with another phase). */
  sharedPrefixHitRate: number | undefined;
  wallMs: number;
  interrupted: boolean;
  /** What the secret policy kept out of the requests of this run. */
  secrets: {
    /** Files withheld from the bundle and the tools. */
    withheldFiles: number;
    /** Credential-shaped strings replaced in what was sent (bundle, upstream plans, tool results), by kind. */
    redactions: RedactionCounts;
  };
}

/** What a run reports while it goes; renderers turn these into a live table, lines or NDJSON. */
export type PipelineEvent =
  | { type: "run-start"; phases: string[]; concurrency: number; schedule: string }
  | { type: "phase-fresh"; phase: string; editedByHand: boolean; untracked: boolean }
  /** The phase's next call waits for calls in flight to settle before the cost cap lets it start. */
  | { type: "phase-held"; phase: string; reason: string }
  | { type: "phase-start"; phase: string; model: string; why: string }
  /**
   * The phase waits for the prompt cache: `first` (the phase sending the same prefix first) has not
   * started streaming yet. `phase-resume` follows when it may call the model.
   */
  | { type: "phase-wait"; phase: string; for: "cache"; first: string }
  | { type: "phase-resume"; phase: string }
  | {
      type: "phase-call";
      phase: string;
      turn: number;
      usage: Usage;
      costUsd: number | undefined;
      /** The call failed or was interrupted after its stream started: billed, no answer. */
      unanswered?: true;
    }
  | { type: "phase-tool"; phase: string; tool: string; summary: string; isError: boolean }
  | { type: "phase-lint"; phase: string; round: number; errors: number; warnings: number }
  | { type: "phase-end"; summary: PhaseSummary }
  /** A plan that was not what arcp-plan last wrote was copied aside before being overwritten. */
  | { type: "plan-kept"; phase: string; kept: KeptCopy }
  | { type: "warning"; message: string }
  | { type: "run-end"; summary: RunSummary };
