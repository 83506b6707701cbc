import type { RunSummary } from "../../src/pipeline/pipeline-events.js";
import {
  type FakeAnthropicServerOptions,
  type RecordedRequest,
  startFakeAnthropicServer,
} from "./fake-anthropic-server.js";
import type { PlanResponderOptions } from "./fixture-plans.js";
import { listPriceOf, promptTokensOf } from "./list-prices.js";
import { FAKE_API_KEY } from "./pipeline-workspace.js";
import { type CliResult, runCli } from "./run-cli.js";
import { runEndSummary } from "./run-events.js";
import { answerAfterToolTurns } from "./tool-turn-responder.js";

export interface ToolTurnRunOptions extends PlanResponderOptions {
  /** The SDK checkout to run in (a disposable copy: the run writes plans there). */
  sdk: string;
  plans: ReadonlyMap<string, string>;
  toolTurns?: number;
  server?: FakeAnthropicServerOptions;
  /** Extra `run` arguments (`--force`, `--max-cost 5`, ...). */
  args?: string[];
}

export interface ToolTurnRun {
  result: CliResult;
  summary: RunSummary | undefined;
  requests: RecordedRequest[];
  /** What the fake API billed, at list prices. */
  billedUsd: number;
  /** Calls after the first of their phase (tool turns and repairs). */
  followUps: number;
  /** Of those, the calls that read at least the whole previous prompt of their phase from the cache. */
  followUpsReadingPrevious: number;
}

/**
 * A whole `run --json` of the built CLI against a fresh fake API that answers every phase after
 * `toolTurns` tool turns with its plan from `plans`, on a thinking model unless configured otherwise;
 * then what it cost at list prices and how its follow-up calls used the cache. Shared by the bench
 * and by `try-tool-turn-run.ts` (real workspaces).
 */
export async function runWithToolTurns(options: ToolTurnRunOptions): Promise<ToolTurnRun> {
  const server = await startFakeAnthropicServer(options.server);
  try {
    server.setResponder(answerAfterToolTurns(options.plans, options));
    const env = {
      PATH: process.env.PATH ?? "",
      ANTHROPIC_API_KEY: FAKE_API_KEY,
      ANTHROPIC_BASE_URL: server.url,
    };
    const result = await runCli(["run", "--json", ...(options.args ?? [])], { cwd: options.sdk, env });
    let summary: RunSummary | undefined;
    try {
      summary = runEndSummary(result.stdout);
    } catch {
      summary = undefined;
    }
    const requests = [...server.requests];
    const { followUps, readingPrevious } = followUpCacheReads(requests);
    return {
      result,
      summary,
      requests,
      billedUsd: requests.reduce((sum, request) => sum + listPriceOf(request), 0),
      followUps,
      followUpsReadingPrevious: readingPrevious,
    };
  } finally {
    await server.close();
  }
}

/** Per phase, in arrival order: does each call after the first read its predecessor's whole prompt? */
export function followUpCacheReads(requests: readonly RecordedRequest[]): {
  followUps: number;
  readingPrevious: number;
} {
  const calls = requests.filter((r) => r.path === "/v1/messages" && r.usage !== undefined);
  let followUps = 0;
  let readingPrevious = 0;
  for (const phase of new Set(calls.map((r) => r.phaseId))) {
    const own = calls.filter((r) => r.phaseId === phase).sort((a, b) => a.arrivedAtMs - b.arrivedAtMs);
    for (let k = 1; k < own.length; k++) {
      followUps += 1;
      if (own[k]!.usage!.cache_read_input_tokens >= promptTokensOf(own[k - 1]!)) readingPrevious += 1;
    }
  }
  return { followUps, readingPrevious };
}
