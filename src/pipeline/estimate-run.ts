import { priceUsage } from "../llm/pricing.js";
import { addUsage, type Usage, ZERO_USAGE } from "../llm/usage.js";
import { estimateTokens } from "../workspace/estimate-tokens.js";
import { buildPhaseRequest } from "./build-phase-request.js";
import type { RunInputs } from "./load-run-inputs.js";
import { phaseModelCall } from "./phase-model-call.js";

/**
 * Assumptions of the estimate, stated so the numbers can be judged: a plan that reads in 8 minutes at
 * 238 words per minute is ~1,900 words, ~2,600 tokens; each phase makes two tool turns of ~1,500
 * tokens of results before answering; a thinking model thinks ~1,000 tokens per call; no repair
 * rounds. Prefixes shared by several phases are written once and read afterwards, as the run's
 * warm-up gate arranges, and each tool turn reads the conversation so far from the cache. For the
 * expected wall time: ~50 output tokens per second and ~3 s per call besides, phases in parallel
 * wherever the graph allows.
 */
export const ESTIMATE_ASSUMPTIONS = {
  planTokens: 2_600,
  toolTurns: 2,
  toolResultTokens: 1_500,
  toolCallOutputTokens: 150,
  thinkingTokensPerCall: 1_000,
  outputTokensPerSecond: 50,
  secondsPerCall: 3,
} as const;

/** A run expected to last longer than this keeps the bundle's cache entry for an hour (`auto`). */
export const FIVE_MINUTES_MS = 5 * 60_000;

export interface PhaseEstimate {
  phase: string;
  model: string;
  maxTokens: number;
  systemTokens: number;
  bundleTokens: number;
  upstreamTokens: number;
  instructionTokens: number;
  usage: Usage;
  /** Undefined when the model is not in the catalog. */
  costUsd: number | undefined;
  /** Expected wall time of the phase alone. */
  expectedMs: number;
}

export interface RunEstimate {
  phases: PhaseEstimate[];
  usage: Usage;
  costUsd: number;
  /** Models not in the catalog: the cost is then a lower bound. */
  unknownModels: string[];
  /** Expected wall time along the graph's longest chain of the phases that run. */
  expectedMs: number;
  /** The bundle's cache lifetime this run uses (`model.bundleCacheTtl`, `auto` decided here). */
  bundleCacheTtl: "5m" | "1h";
}

/** Pure given the inputs: plan sizes come from `planTokens` (the plan on disk if any, else the assumption). */
export function estimateRun(
  inputs: RunInputs,
  phaseIds: readonly string[],
  planTokens: (output: string) => number | undefined,
): RunEstimate {
  const ids = inputs.graph.ids.filter((phaseId) => phaseIds.includes(phaseId));
  const shapes = ids.map((id) => phaseShape(inputs, id, planTokens));
  const finishedAt = new Map<string, number>();
  for (const shape of shapes) {
    const start = Math.max(0, ...inputs.graph.needsOf(shape.id).map((need) => finishedAt.get(need) ?? 0));
    finishedAt.set(shape.id, start + shape.expectedMs);
  }
  const expectedMs = Math.max(0, ...finishedAt.values());
  const setting = inputs.settings.bundleCacheTtl;
  const bundleCacheTtl = setting === "auto" ? (expectedMs > FIVE_MINUTES_MS ? "1h" : "5m") : setting;

  const written = new Set<string>();
  const phases = shapes.map((shape) => priceShape(inputs, shape, bundleCacheTtl, written));
  const usage = phases.reduce<Usage>((sum, phase) => addUsage(sum, phase.usage), { ...ZERO_USAGE });
  const unknownModels = [
    ...new Set(shapes.filter((s) => s.call.spec === undefined).map((s) => s.call.model)),
  ];
  return {
    phases,
    usage,
    costUsd: phases.reduce((sum, p) => sum + (p.costUsd ?? 0), 0),
    unknownModels,
    expectedMs,
    bundleCacheTtl,
  };
}

interface PhaseShape {
  id: string;
  call: ReturnType<typeof phaseModelCall>;
  upstreamOutputs: string[];
  systemTokens: number;
  bundleTokens: number;
  upstreamTokens: number;
  instructionTokens: number;
  thinkingPerCall: number;
  planTokens: number;
  expectedMs: number;
}

function phaseShape(
  inputs: RunInputs,
  id: string,
  planTokens: (output: string) => number | undefined,
): PhaseShape {
  const a = ESTIMATE_ASSUMPTIONS;
  const phase = inputs.byId.get(id)!;
  const call = phaseModelCall(inputs.settings, phase);
  const upstreamOutputs = inputs.graph.needsOf(id).map((need) => inputs.byId.get(need)!.output);
  const request = buildPhaseRequest({
    phase,
    systemPrompt: inputs.system,
    bundleText: inputs.bundleText,
    upstream: [],
    siblingsNotAvailable: inputs.graph.siblingsNotAvailable(id).map((s) => inputs.byId.get(s)!.output),
    outViewDir: inputs.outViewDir,
  });
  const thinkingPerCall = call.thinking === undefined ? 0 : a.thinkingTokensPerCall;
  const plan = planTokens(phase.output) ?? a.planTokens;
  const calls = a.toolTurns + 1;
  const output = calls * thinkingPerCall + a.toolTurns * a.toolCallOutputTokens + plan;
  return {
    id,
    call,
    upstreamOutputs,
    systemTokens: tokensOf(inputs.system),
    bundleTokens: tokensOf(request.system[1]!.text),
    upstreamTokens: upstreamOutputs.reduce((sum, output) => sum + (planTokens(output) ?? a.planTokens), 0),
    instructionTokens: tokensOf(
      request.messages[0]!.content.map((b) => (b.type === "text" ? b.text : "")).join(""),
    ),
    thinkingPerCall,
    planTokens: plan,
    expectedMs: (output / a.outputTokensPerSecond + calls * a.secondsPerCall) * 1000,
  };
}

/** Usage of one phase's calls; `written` holds the shared prefixes earlier phases have written. */
function priceShape(
  inputs: RunInputs,
  shape: PhaseShape,
  bundleCacheTtl: "5m" | "1h",
  written: Set<string>,
): PhaseEstimate {
  const a = ESTIMATE_ASSUMPTIONS;
  const { call } = shape;
  const prefix = shape.systemTokens + shape.bundleTokens;
  const conversation = inputs.settings.cacheConversation;
  let usage: Usage = { ...ZERO_USAGE };
  const add = (part: Partial<Usage>) => {
    usage = addUsage(usage, { ...ZERO_USAGE, ...part });
  };
  const cached = (key: string, tokens: number, ttl: "5m" | "1h") => {
    if (tokens === 0) return;
    if (written.has(key)) add({ cacheReadTokens: tokens });
    else add({ cacheWriteTokens: tokens, cacheWrite1hTokens: ttl === "1h" ? tokens : 0 });
    written.add(key);
  };
  // First call: each shared prefix is written by its first user and read by the others; the
  // instructions are written too when the conversation is cached (the next turn reads them).
  cached(`${call.model}|bundle`, prefix, bundleCacheTtl);
  cached(`${call.model}|${shape.upstreamOutputs.join(",")}`, shape.upstreamTokens, "5m");
  add(
    conversation ? { cacheWriteTokens: shape.instructionTokens } : { inputTokens: shape.instructionTokens },
  );
  const turnOutput = shape.thinkingPerCall + a.toolCallOutputTokens;
  add({ outputTokens: turnOutput, thinkingTokens: shape.thinkingPerCall });
  // Each tool turn re-sends the conversation: with the moving breakpoint it reads the previous
  // call's prompt and writes only what was added since; without, all but the fixed prefixes is input.
  for (let turn = 1; turn <= a.toolTurns; turn++) {
    const added = turnOutput + a.toolResultTokens;
    const earlier = shape.instructionTokens + (turn - 1) * added;
    add({ cacheReadTokens: prefix + shape.upstreamTokens });
    add(
      conversation ? { cacheReadTokens: earlier, cacheWriteTokens: added } : { inputTokens: earlier + added },
    );
    const last = turn === a.toolTurns;
    const out = last ? shape.thinkingPerCall + shape.planTokens : turnOutput;
    add({ outputTokens: out, thinkingTokens: shape.thinkingPerCall });
  }
  return {
    phase: shape.id,
    model: call.model,
    maxTokens: call.maxTokens,
    systemTokens: shape.systemTokens,
    bundleTokens: shape.bundleTokens,
    upstreamTokens: shape.upstreamTokens,
    instructionTokens: shape.instructionTokens,
    usage,
    costUsd: priceUsage(usage, call.model, inputs.settings.catalog),
    expectedMs: shape.expectedMs,
  };
}

function tokensOf(text: string): number {
  return estimateTokens(Buffer.byteLength(text, "utf8"));
}
