import type { ArcpPlanError } from "../errors/arcp-plan-error.js";
import type { LanguageModel } from "../llm/model.js";
import type { ToolExecutor } from "../llm/tool-executor.js";
import type { Usage } from "../llm/usage.js";
import type { CostCap } from "./cost-cap.js";
import type { RunInputs } from "./load-run-inputs.js";
import type { PhaseSummary, PipelineEvent } from "./pipeline-events.js";
import type { PlanLinter } from "./plan-linter.js";
import type { PrefixWarmGate } from "./prefix-warm-gate.js";
import type { InterruptedAttempt, KeptCopy, RunRecord } from "./run-record.js";
import type { RunRedactions } from "./run-redactions.js";

/** What every phase of one run shares: inputs, services, and the run's bookkeeping. */
export interface PhaseRunContext {
  inputs: RunInputs;
  model: LanguageModel;
  tools: ToolExecutor;
  record: RunRecord;
  forced: ReadonlySet<string>;
  linter: PlanLinter;
  gate: PrefixWarmGate;
  costCap: CostCap;
  bundleCacheTtl: "5m" | "1h";
  onEvent: (event: PipelineEvent) => void;
  /** Phases the cost cap skipped or stopped: their dependents are reported as skipped for the cap. */
  capped: Set<string>;
  prefixUsers: Map<string, string[]>;
  usageByPhase: Map<string, Usage>;
  /** Unknown models already warned about. */
  warnedModels: Set<string>;
  persisting: Promise<void>[];
  /** Where this run keeps copies of hand-edited plans before overwriting them (`kept/<run start>/`). */
  keptFolder: string;
  /** Secrets redacted from what the run sends, for the summary. */
  redactions: RunRedactions;
  finish: (summary: PhaseSummary) => void;
  /** Puts a settled entry or an interrupted attempt in the record (`recordPhaseOutcome`) and writes it. */
  saveRecord: (
    phaseId: string,
    outcome: RunRecord["phases"][string] | InterruptedAttempt,
    kept?: KeptCopy,
  ) => Promise<void>;
  /** A rejected key fails every phase the same way: stop the run instead of a retry storm. */
  stopForAuth: (error: ArcpPlanError) => void;
  /** Stops starting phases (a record or transcript that could not be written). */
  abortRun: (error: unknown) => void;
  /** Whether the user (not a fatal error) stopped the run. */
  interruptedByUser: () => boolean;
}
