import { describe, expect, it } from "vitest";
import type { PipelineEvent } from "../../src/pipeline/pipeline-events.js";
import { expectNoKeyLeak } from "../support/expect-no-key-leak.js";
import { fault, reply, startFakeAnthropicServer } from "../support/fake-anthropic-server.js";
import { answerWithPlans } from "../support/fixture-plans.js";
import { newPipelineWorkspace, plans, server, usePipelineHarness } from "../support/pipeline-harness.js";
import { FAN_OUT_IDS, PHASE_IDS } from "../support/pipeline-workspace.js";
import {
  expectPlans,
  leftovers,
  readValidRecord,
  snapshotFiles,
  writeWorkspaceConfig,
} from "../support/workspace-invariants.js";

// Issue 6, "API faults": every fault the fake server can inject, during a full run through the built
// CLI. Small idle timeout and retry-after values keep the suite fast; the behaviour is the same as
// with the defaults.

const IDLE_TIMEOUT_MS = 300;

usePipelineHarness();

const phasesCalled = () => [...new Set(server.requests.map((r) => r.phaseId))].sort();
const statuses = (phaseId: string) => server.requestsFor(phaseId).map((r) => r.status);
const outcomes = (phaseId: string) => server.requestsFor(phaseId).map((r) => r.outcome);

describe("transient API faults", () => {
  it("429 bursts, 529, 500, an error event, a stall, a drop and a cut stream are all recovered", async () => {
    const ws = await newPipelineWorkspace();
    await writeWorkspaceConfig(ws, {
      model: { idleTimeoutMs: IDLE_TIMEOUT_MS, maxRetries: 3, streamRetries: 2 },
    });
    // A burst of three 429s (within maxRetries 3); the last one asks for a noticeable wait.
    server.script("01-spec-delta", fault.rateLimited(0.01), fault.rateLimited(0.01), fault.rateLimited(0.25));
    server.script("02-current-audit", fault.overloaded());
    server.script("03-libraries", fault.serverError());
    server.script("04-architecture", fault.errorEvent());
    server.script("05-middleware", fault.stall());
    server.script("06-examples", fault.drop());
    server.script("07-tests", fault.truncate());
    server.setResponder(answerWithPlans(plans));

    const result = await ws.run(["run"], { server });

    expect(result.code, result.stderr).toBe(0);
    expect(server.pending()).toEqual({});
    await expectPlans(ws, plans, PHASE_IDS);
    expect(statuses("01-spec-delta")).toEqual([429, 429, 429, 200]);
    // The SDK honoured retry-after: the retry came no sooner than the 0.25 s the last 429 asked for.
    const [, , third, fourth] = server.requestsFor("01-spec-delta");
    expect(fourth!.arrivedAtMs - third!.endedAtMs!).toBeGreaterThanOrEqual(240);
    expect(statuses("02-current-audit")).toEqual([529, 200]);
    expect(statuses("03-libraries")).toEqual([500, 200]);
    expect(outcomes("04-architecture")).toEqual(["fault:error-event", "ok"]);
    // The idle watchdog gave up on the stalled stream and the whole call was retried.
    expect(outcomes("05-middleware")).toEqual(["fault:stall", "ok"]);
    expect(outcomes("06-examples")).toEqual(["fault:drop", "ok"]);
    expect(outcomes("07-tests")).toEqual(["fault:truncate", "ok"]);
    for (const id of ["08-docs-readme", "09-diagrams", "10-synthesis"]) expect(statuses(id)).toEqual([200]);

    const record = await readValidRecord(ws);
    for (const id of PHASE_IDS) {
      const entry = record.phases[id]!;
      expect(entry.state, id).toBe("done");
      // The id of the request that produced the plan, whatever failed before it.
      expect(entry.requestIds, id).toEqual([server.requestsFor(id).at(-1)!.requestId]);
    }
    // Whole-call retries are counted as attempts (HTTP retries happen inside one SDK call).
    for (const id of ["04-architecture", "05-middleware", "06-examples", "07-tests"]) {
      expect(record.phases[id]!.attempts, id).toBe(2);
    }
    expect(await leftovers(ws)).toEqual([]);
    await expectNoKeyLeak(ws, [result]);
  });
});

describe("faults that outlast the retries", () => {
  it("fail only their phase with its cause, keep the previous plans, and the next run resumes only them", async () => {
    const ws = await newPipelineWorkspace();
    server.setResponder(answerWithPlans(plans));
    const clean = await ws.run(["run"], { server });
    expect(clean.code, clean.stderr).toBe(0);
    const before = await snapshotFiles(ws);
    const recordBefore = await readValidRecord(ws);

    // One SDK retry and one whole-call retry: every fault below is sent twice and then given up.
    await writeWorkspaceConfig(ws, {
      model: { idleTimeoutMs: IDLE_TIMEOUT_MS, maxRetries: 1, streamRetries: 1 },
    });
    server.reset();
    server.script("03-libraries", fault.serverError(), fault.serverError());
    server.script("04-architecture", fault.errorEvent(), fault.errorEvent());
    server.script("05-middleware", fault.stall(), fault.stall());
    server.script("06-examples", fault.drop(), fault.drop());
    server.script("07-tests", {
      content: "# Tests\n\nThe answer stops in the mid",
      stopReason: "max_tokens",
    });
    server.script("08-docs-readme", fault.rateLimited(), fault.rateLimited());
    server.setResponder(answerWithPlans(plans));
    const failing = [
      "03-libraries",
      "04-architecture",
      "05-middleware",
      "06-examples",
      "07-tests",
      "08-docs-readme",
    ];

    const faulty = await ws.run(["run", "--force"], { server });

    expect(faulty.code, faulty.stderr).toBe(1);
    expect(server.pending()).toEqual({});
    // Each failure names its cause; the progress line names the phase too.
    const causes: Record<string, string> = {
      "03-libraries": "model call failed: the API returned an error: HTTP 500",
      "04-architecture": "model call failed: the response stream failed: .*Overloaded.*after 2 attempts",
      "05-middleware":
        "model call failed: the response stream stalled: the stream sent nothing for 300 ms.*after 2 attempts",
      "06-examples": "model call failed: the response stream failed: .*after 2 attempts",
      "07-tests":
        "the answer hit the output limit \\(max_tokens [0-9,]+\\) after 1 turn\\(s\\) and is cut off, so nothing was written",
      "08-docs-readme": "model call failed: the API returned an error: HTTP 429",
    };
    const record = await readValidRecord(ws);
    for (const id of failing) {
      expect(faulty.stderr, id).toMatch(new RegExp(`${id}: .*${causes[id]}`));
      expect(faulty.stdout, id).toMatch(new RegExp(`${id}\\s+failed`));
      expect(record.phases[id]?.state, id).toBe("failed");
      expect(record.phases[id]?.failure, id).toMatch(new RegExp(causes[id]!));
    }
    expect(faulty.stdout).toMatch(/10-synthesis\s+skipped/);
    expect(server.requestsFor("10-synthesis")).toHaveLength(0);
    // Bounded: two attempts per faulty phase, one for max_tokens, one for the healthy ones.
    for (const id of failing) expect(server.requestsFor(id), id).toHaveLength(id === "07-tests" ? 1 : 2);
    // Nothing partial, nothing lost: every plan on disk is byte-identical to the good one from before.
    const after = await snapshotFiles(ws);
    for (const id of PHASE_IDS) {
      const file = `python-sdk/planning/v1.1/${id}.md`;
      expect(after[file], file).toBe(before[file]);
    }
    expect(await leftovers(ws)).toEqual([]);
    // The skipped synthesis keeps its entry from the clean run.
    expect(record.phases["10-synthesis"]).toEqual(recordBefore.phases["10-synthesis"]);
    for (const id of ["01-spec-delta", "02-current-audit", "09-diagrams"])
      expect(record.phases[id]?.state).toBe("done");

    // The next run re-runs exactly the failed phases; their plans come out the same, so 10 stays fresh.
    server.reset();
    server.setResponder(answerWithPlans(plans));
    const resumed = await ws.run(["run"], { server });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(phasesCalled()).toEqual(failing);
    expect(server.requests).toHaveLength(failing.length);
    await expectPlans(ws, plans, PHASE_IDS);
    expect(await leftovers(ws)).toEqual([]);
    await expectNoKeyLeak(ws, [clean, faulty, resumed]);
  });
});

describe("what failed calls cost", () => {
  it("counts the turns and the started streams of a phase that failed, in its record and the run's cost", async () => {
    const ws = await newPipelineWorkspace();
    await writeWorkspaceConfig(ws, { model: { streamRetries: 1 } });
    // Turn 1 asks for a tool and is answered; turn 2's stream fails twice after message_start.
    server.script(
      "04-architecture",
      reply.toolCall("grep", { pattern: "Lease" }),
      fault.errorEvent(),
      fault.errorEvent(),
    );
    server.setResponder(answerWithPlans(plans));

    const result = await ws.run(["run", "--json"], { server });

    expect(result.code, result.stderr).toBe(1);
    const events = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as PipelineEvent);
    const record = await readValidRecord(ws);
    const requests = server.requestsFor("04-architecture");
    expect(requests.map((r) => r.outcome)).toEqual(["ok", "fault:error-event", "fault:error-event"]);
    // Input-side tokens are what message_start reports: the record holds all three requests'.
    const billed = (pick: (usage: NonNullable<(typeof requests)[number]["usage"]>) => number) =>
      requests.reduce((sum, r) => sum + pick(r.usage!), 0);
    const entry = record.phases["04-architecture"]!;
    expect(entry.state).toBe("failed");
    expect(entry.usage.input).toBe(billed((u) => u.input_tokens));
    expect(entry.usage.cacheRead).toBe(billed((u) => u.cache_read_input_tokens));
    expect(entry.usage.cacheWrite).toBe(billed((u) => u.cache_creation_input_tokens));
    expect(entry.costUsd).toBeGreaterThan(0);
    // The unanswered call shows as its own phase-call event, and the run's cost adds up every call.
    const calls = events.filter((e) => e.type === "phase-call");
    expect(calls.filter((e) => e.phase === "04-architecture").map((e) => e.unanswered ?? false)).toEqual([
      false,
      true,
    ]);
    const end = events.find((e) => e.type === "run-end");
    const sum = calls.reduce((total, e) => total + (e.costUsd ?? 0), 0);
    expect(end?.type === "run-end" && end.summary.costUsd).toBeCloseTo(sum, 9);
  });
});

describe("a rejected API key (401)", () => {
  it("fails fast with exit 2 on the first call: one request, nothing written", async () => {
    const rejecting = await startFakeAnthropicServer({ expectedApiKey: "sk-ant-some-other-key" });
    try {
      const ws = await newPipelineWorkspace();
      rejecting.setResponder(answerWithPlans(plans));
      const result = await ws.run(["run"], { server: rejecting });

      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/phase 01-spec-delta: the Anthropic API rejected the API key \(HTTP 401/);
      expect(result.stderr).toContain("ANTHROPIC_API_KEY");
      expect(rejecting.requests).toHaveLength(1);
      expect(rejecting.requests[0]?.outcome).toBe("unauthorized");
      expect((await ws.listFiles()).filter((f) => f.startsWith("python-sdk/planning/v1.1/"))).toEqual([]);
      expect((await readValidRecord(ws)).phases["01-spec-delta"]?.state).toBe("failed");
      expect(await leftovers(ws)).toEqual([]);
      await expectNoKeyLeak(ws, [result]);
    } finally {
      await rejecting.close();
    }
  });

  it("during the fan-out stops the whole run: no phase retries, at most one request each", async () => {
    const ws = await newPipelineWorkspace();
    server.script("03-libraries", fault.unauthorized());
    server.setResponder(
      answerWithPlans(plans, {
        latency: (id) => (FAN_OUT_IDS.includes(id) ? { firstEventMs: 200, betweenEventsMs: 5 } : undefined),
      }),
    );
    const result = await ws.run(["run"], { server });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/phase 03-libraries: the Anthropic API rejected the API key/);
    expect(server.requestsFor("03-libraries").map((r) => r.status)).toEqual([401]);
    for (const id of FAN_OUT_IDS) expect(server.requestsFor(id).length, id).toBeLessThanOrEqual(1);
    expect(server.requestsFor("10-synthesis")).toHaveLength(0);
    await expectPlans(ws, plans, ["01-spec-delta", "02-current-audit"]);
    await readValidRecord(ws);
    expect(await leftovers(ws)).toEqual([]);
    await expectNoKeyLeak(ws, [result]);
  });
});
