import { describe, expect, it } from "vitest";
import { listPriceOf } from "../support/list-prices.js";
import { newPipelineWorkspace, plans, server, usePipelineHarness } from "../support/pipeline-harness.js";
import { FAN_OUT_IDS, PHASE_IDS } from "../support/pipeline-workspace.js";
import { maxInFlight } from "../support/request-intervals.js";
import { parseRunEvents, runEndSummary } from "../support/run-events.js";
import { answerAfterToolTurns } from "../support/tool-turn-responder.js";
import { writeWorkspaceConfig } from "../support/workspace-invariants.js";

// Issue 12 "Done when": a truncated answer is never a plan; the prompt is checked against the
// window before it is sent; `--max-cost` is a hard cap that starts fewer calls and says so.
usePipelineHarness();

const billed = () => server.requests.reduce((sum, request) => sum + listPriceOf(request), 0);

describe("answers cut off by a limit", () => {
  it("writes nothing for a model_context_window_exceeded answer and exits 1 naming the limit", async () => {
    const workspace = await newPipelineWorkspace();
    server.setResponder(
      answerAfterToolTurns(plans, {
        override: (r) =>
          r.phaseId === "03-libraries"
            ? { content: "# Libraries\n\nThe first half of", stopReason: "model_context_window_exceeded" }
            : undefined,
      }),
    );
    const result = await workspace.run(["run"], { server });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /03-libraries: failed, .*the conversation filled claude-opus-5-5's context window of 1,000,000 tokens after 3 turn\(s\) \(stop reason model_context_window_exceeded\): the answer is cut off, so nothing was written; lower bundle\.budgetTokens or model\.maxTurns/,
    );
    await expect(workspace.readPlan("03-libraries")).rejects.toThrow(/ENOENT/);
    expect((await workspace.readRecord()).phases["03-libraries"]).toMatchObject({ state: "failed" });
    expect(result.stdout).toMatch(/10-synthesis\s+skipped.*needs 03-libraries, which failed/);
    for (const id of PHASE_IDS.filter((p) => p !== "03-libraries" && p !== "10-synthesis")) {
      expect(await workspace.readPlan(id)).toBe(plans.get(id));
    }
  });

  it("refuses a prompt that does not fit the model's window before sending it", async () => {
    const workspace = await newPipelineWorkspace();
    // The tool's table says the window is smaller than this prompt plus max_tokens: the call must
    // not go out (the fake would have accepted it, so only the tool's own check can stop it).
    await writeWorkspaceConfig(workspace, {
      model: { models: { "claude-opus-5-5": { contextWindow: 20_000 } } },
    });
    server.setResponder(answerAfterToolTurns(plans));
    const result = await workspace.run(["run"], { server });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /01-spec-delta: failed, .*the prompt is [\d,]+ tokens and max_tokens is 16,000: together more than claude-opus-5-5's context window of 20,000 tokens, so the call was not sent\. Lower bundle\.budgetTokens/,
    );
    expect(server.requests.map((r) => r.path)).toEqual(["/v1/messages/count_tokens"]);
    expect(result.stdout).toMatch(/02-current-audit\s+skipped/);
  });
});

describe("--max-cost as a hard cap", () => {
  it("below the fan-out's worst case starts fewer calls at once, says so, and still finishes under the cap", async () => {
    const workspace = await newPipelineWorkspace();
    server.setResponder(
      answerAfterToolTurns(plans, {
        latency: (id) => (FAN_OUT_IDS.includes(id) ? { firstEventMs: 150, betweenEventsMs: 2 } : undefined),
      }),
    );
    // Above the estimate (~$1.83), below seven fan-out calls' worst case (~$0.4 each).
    const result = await workspace.run(["run", "--json", "--max-cost", "2"], { server });

    expect(result.code, result.stderr).toBe(0);
    const events = parseRunEvents(result.stdout);
    const held = events.flatMap((e) => (e.type === "phase-held" ? [e] : []));
    expect(held.length).toBeGreaterThan(0);
    expect(held[0]!.reason).toMatch(
      /^cost cap: waits: spent \$[\d.]+ \+ \$[\d.]+ worst case of \d+ call\(s\) in flight \+ this call's worst case \$[\d.]+ > --max-cost \$2\.0000$/,
    );
    const fanOut = server.requests.filter((r) => FAN_OUT_IDS.includes(r.phaseId ?? ""));
    expect(maxInFlight(fanOut)).toBeGreaterThan(1);
    expect(maxInFlight(fanOut)).toBeLessThan(FAN_OUT_IDS.length);
    for (const id of PHASE_IDS) expect(await workspace.readPlan(id)).toBe(plans.get(id));
    expect(runEndSummary(result.stdout).costUsd).toBeLessThanOrEqual(2);
  });

  it("skips what it cannot afford as 'cost cap', never as an upstream failure, and spends no more than the cap", async () => {
    const workspace = await newPipelineWorkspace();
    // Fan-out calls that use their whole output budget: the run costs more than the estimate.
    const answer = answerAfterToolTurns(plans);
    server.setResponder(async (r) => {
      const reply = await answer(r);
      if (!FAN_OUT_IDS.includes(r.phaseId ?? "")) return reply;
      return { ...(typeof reply === "string" ? { content: reply } : reply), outputTokens: 12_000 };
    });
    const result = await workspace.run(["run", "--max-cost", "2"], { server });

    expect(result.code).toBe(1);
    const rows = PHASE_IDS.map((id) => result.stdout.split("\n").find((line) => line.startsWith(id)) ?? "");
    const unfinished = rows.filter((row) => !/\sdone\s/.test(row));
    expect(unfinished.length).toBeGreaterThan(0);
    for (const row of unfinished) expect(row).toMatch(/\s(skipped|failed)\s.*cost cap/);
    expect(rows.at(-1)).toMatch(
      /^10-synthesis\s+skipped\s.*cost cap: not started, needs \S+, which the cost cap skipped or stopped/,
    );
    expect(result.stdout).not.toMatch(/which failed/);
    expect(result.stdout).toMatch(/^cost cap: .* skipped or stopped to stay under --max-cost$/m);
    expect(billed()).toBeLessThanOrEqual(2);
  });

  it("refuses to start on a model it has no figures for, saying what is unknown and how to add it", async () => {
    const workspace = await newPipelineWorkspace();
    const result = await workspace.run(["run", "--model", "claude-mythos-5-2", "--max-cost", "5"], {
      server,
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /--max-cost cannot be kept: claude-mythos-5-2 is not in the model table: price, context window, output limit and thinking mode unknown.*Add it to arcp-plan\.config\.json .*"model": \{ "models": \{ "claude-mythos-5-2": \{ "contextWindow"/,
    );
    expect(server.requests).toEqual([]);
  });
});

describe("choosing a model and an effort", () => {
  it("sends --effort on every call of every phase", async () => {
    const workspace = await newPipelineWorkspace();
    server.setResponder(answerAfterToolTurns(plans, { toolTurns: 1 }));
    const result = await workspace.run(["run", "--effort", "high"], { server });
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests).toHaveLength(2 * PHASE_IDS.length);
    for (const request of server.requests) expect(request.body.output_config).toEqual({ effort: "high" });
  });

  it("refuses an effort the model does not take before sending anything", async () => {
    const workspace = await newPipelineWorkspace();
    const result = await workspace.run(["run", "--effort", "high", "--model", "claude-haiku-4-5"], {
      server,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/claude-haiku-4-5 takes no effort setting \(its thinking is "extended"\)/);
    expect(server.requests).toEqual([]);
  });

  it("warns once about a model it has no figures for, and reports what the API says about it", async () => {
    const workspace = await newPipelineWorkspace();
    server.setResponder(answerAfterToolTurns(plans));
    const result = await workspace.run(["run", "--model", "claude-mythos-5-2"], { server });
    expect(result.code).toBe(1);
    expect(result.stderr.match(/warning: claude-mythos-5-2 is not in the model table/g)).toHaveLength(1);
    expect(result.stderr).toMatch(
      /01-spec-delta: failed, .*HTTP 404 not_found_error: model: claude-mythos-5-2/,
    );
  });
});
