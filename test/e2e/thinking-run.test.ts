import { describe, expect, it } from "vitest";
import type { RecordedRequest } from "../support/fake-anthropic-server.js";
import { isRepairRequest } from "../support/fixture-plans.js";
import { listPriceOf, promptTokensOf } from "../support/list-prices.js";
import { newPipelineWorkspace, plans, server, usePipelineHarness } from "../support/pipeline-harness.js";
import { PHASE_IDS } from "../support/pipeline-workspace.js";
import { runEndSummary } from "../support/run-events.js";
import { answerAfterToolTurns } from "../support/tool-turn-responder.js";

// Issue 12 "Done when": a full run on today's default model, which always thinks, with two tool
// turns per phase (and one lint repair) through the fake API, which checks every thinking block
// comes back signed and unchanged.
usePipelineHarness();

/** Blocks as a client sends them back: without the fields only responses carry. */
function asSent(blocks: unknown): unknown {
  return JSON.parse(JSON.stringify(blocks), (key, value) =>
    key === "citations" || key === "caller" ? undefined : value,
  );
}

describe("arcp-plan run on a thinking model with tool turns", () => {
  it("writes ten plans with no 400, reports the fake's cost at list prices, and reads each earlier prompt from the cache", async () => {
    const workspace = await newPipelineWorkspace();
    const dirty = `${plans.get("04-architecture")}\nThis robust seam we leverage is described in §99.4.\n`;
    server.setResponder(
      answerAfterToolTurns(plans, {
        toolTurns: 2,
        override: (r) => (r.phaseId === "04-architecture" && !isRepairRequest(r) ? dirty : undefined),
      }),
    );
    const result = await workspace.run(["run", "--json"], { server });

    expect(result.code, result.stderr).toBe(0);
    for (const id of PHASE_IDS) expect(await workspace.readPlan(id)).toBe(plans.get(id));
    expect(server.requests.filter((r) => r.status !== 200)).toEqual([]);

    const byPhase = new Map(PHASE_IDS.map((id) => [id, server.requestsFor(id)] as const));
    for (const [id, requests] of byPhase) {
      // Two tool turns and the answer; 04 also a repair round. One model, thinking on, throughout.
      expect(requests.length, id).toBe(id === "04-architecture" ? 4 : 3);
      for (const request of requests) {
        expect(request.body.model).toBe("claude-opus-5-5");
        expect(request.body.thinking).toEqual({ type: "adaptive" });
        expect(request.reply![0]!.type).toBe("thinking");
      }
      for (let k = 1; k < requests.length; k++) {
        const [previous, current] = [requests[k - 1]!, requests[k]!];
        // The previous answer, thinking and signature included, is replayed exactly.
        expect(current.body.messages[2 * k - 1]!.content, `${id} call ${k + 1}`).toEqual(
          asSent(previous.reply),
        );
        // Every follow-up (tool turn or repair) reads the whole previous prompt from the cache.
        expect(current.usage!.cache_read_input_tokens, `${id} call ${k + 1}`).toBeGreaterThanOrEqual(
          promptTokensOf(previous),
        );
      }
    }
    const repair = byPhase.get("04-architecture")!.at(-1)!;
    expect(isRepairRequest(repair)).toBe(true);

    // The cost the tool reports is the fake's usage at list prices (to well within 1%).
    const summary = runEndSummary(result.stdout);
    const billed = server.requests.reduce((sum: number, r: RecordedRequest) => sum + listPriceOf(r), 0);
    expect(Math.abs(summary.costUsd - billed) / billed).toBeLessThan(0.01);
    expect(summary.costUsd).toBeCloseTo(billed, 9);
    expect(summary.usage.thinkingTokens).toBe(
      server.requests.reduce((n, r) => n + r.usage!.thinking_tokens, 0),
    );

    // Per-phase cache read share, in the summary and the run record.
    const record = await workspace.readRecord();
    for (const phase of summary.phases) {
      expect(phase.cacheReadShare, phase.phase).toBeGreaterThan(0.5);
      expect(record.phases[phase.phase]!.cacheReadShare).toBe(phase.cacheReadShare);
    }
  });
});
