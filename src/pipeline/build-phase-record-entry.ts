import { cacheHitRate, type Usage as ModelUsage } from "../llm/usage.js";
import type { PhaseExecution } from "./execute-phase.js";
import { buildPhaseKey, type PhaseKeyComponents } from "./phase-key.js";
import type { PhaseRunRecord, Usage as RecordUsage } from "./run-record.js";
import { sha256 } from "./sha256.js";

export interface PhaseRecordInput {
  state: PhaseRunRecord["state"];
  failure?: string;
  components: PhaseKeyComponents;
  /** The plan as written, for its hash; absent when nothing was written. */
  text?: string;
  execution: PhaseExecution;
  /** Tokens of every call, those that failed or were interrupted after their stream started included. */
  usage: ModelUsage;
  costUsd: number | undefined;
  startedAt: Date;
  errors?: number;
  warnings?: number;
}

/** Pure: the run-record entry of a phase that ran. */
export function buildPhaseRecordEntry(input: PhaseRecordInput): PhaseRunRecord {
  const { execution } = input;
  const finishedAt = new Date();
  const share = cacheHitRate(input.usage);
  return {
    state: input.state,
    ...(input.failure ? { failure: input.failure } : {}),
    ...buildPhaseKey(input.components),
    ...(input.text !== undefined ? { outputHash: sha256(input.text) } : {}),
    usage: toRecordUsage(input.usage),
    costUsd: input.costUsd ?? 0,
    ...(share !== undefined ? { cacheReadShare: share } : {}),
    ...(input.errors !== undefined ? { lint: { errors: input.errors, warnings: input.warnings ?? 0 } } : {}),
    timings: {
      startedAt: input.startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: Math.max(0, finishedAt.getTime() - input.startedAt.getTime()),
    },
    requestIds: execution.calls.flatMap((call) => (call.requestId ? [call.requestId] : [])),
    attempts: execution.calls.reduce((sum, call) => sum + call.attempts, 0),
    repairRounds: Math.max(0, execution.rounds.length - 1),
  };
}

export function toRecordUsage(usage: ModelUsage): RecordUsage {
  return {
    input: usage.inputTokens,
    cacheWrite: usage.cacheWriteTokens,
    ...(usage.cacheWrite1hTokens > 0 ? { cacheWrite1h: usage.cacheWrite1hTokens } : {}),
    cacheRead: usage.cacheReadTokens,
    output: usage.outputTokens,
    ...(usage.thinkingTokens > 0 ? { thinking: usage.thinkingTokens } : {}),
  };
}
