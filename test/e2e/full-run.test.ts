import { describe, expect, it } from "vitest";
import { expectNoKeyLeak } from "../support/expect-no-key-leak.js";
import { PHASE_HEADER, type RecordedRequest } from "../support/fake-anthropic-server.js";
import { answerWithPlans } from "../support/fixture-plans.js";
import { newPipelineWorkspace, plans, server, usePipelineHarness } from "../support/pipeline-harness.js";
import { FAN_OUT_IDS, PHASE_IDS } from "../support/pipeline-workspace.js";
import { maxInFlight } from "../support/request-intervals.js";

// Issue 5 "Done when", first bullet: a full run against the fake server and the fixture workspace.
// Fan-out replies get a little latency so that phases 3-9 are really in flight together; the
// assertions are about order and overlap in the server's log, never about durations.
const FAN_OUT_LATENCY = { firstEventMs: 150, betweenEventsMs: 5 };

usePipelineHarness();

function answerFanOutSlowly(): void {
  server.setResponder(
    answerWithPlans(plans, {
      latency: (id) => (FAN_OUT_IDS.includes(id) ? FAN_OUT_LATENCY : undefined),
    }),
  );
}

function only(phaseId: string): RecordedRequest {
  const requests = server.requestsFor(phaseId);
  expect(requests, `requests for ${phaseId}`).toHaveLength(1);
  return requests[0]!;
}

/** The system blocks and the first user block: what the cache breakpoints cover. */
function cachedPrefix(request: RecordedRequest): { system: unknown; firstUserBlock: unknown } {
  const first = request.body.messages[0];
  const content = first && typeof first.content !== "string" ? first.content : [];
  return { system: request.body.system, firstUserBlock: content[0] };
}

describe("arcp-plan run: a full run", () => {
  it("writes ten lint-clean plans and the run record, in schedule order, with a warmed shared prefix", async () => {
    const workspace = await newPipelineWorkspace();
    answerFanOutSlowly();
    const result = await workspace.run(["run"], { server });

    expect(result.stderr).not.toMatch(/^warning:/m);
    expect(result.code).toBe(0);

    // Files: each plan is exactly the answer it was given, and the linter agrees they are clean.
    for (const id of PHASE_IDS) expect(await workspace.readPlan(id)).toBe(plans.get(id));
    const lint = await workspace.run(["lint"]);
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);

    // One request per phase, each tagged with its phase.
    expect(server.requests).toHaveLength(PHASE_IDS.length);
    for (const request of server.requests) {
      expect(request.headers[PHASE_HEADER]).toBe(request.phaseId);
      expect(request.outcome).toBe("ok");
    }
    expect(server.requests.map((r) => r.phaseId).sort()).toEqual([...PHASE_IDS]);

    // Order: 01 ends before 02 arrives; 02 ends before any of 03-09 arrives; 10 arrives after all.
    const [p01, p02, p10] = [only("01-spec-delta"), only("02-current-audit"), only("10-synthesis")];
    const fanOut = FAN_OUT_IDS.map(only);
    expect(p02.arrivedAtMs).toBeGreaterThan(p01.endedAtMs!);
    for (const request of fanOut) expect(request.arrivedAtMs).toBeGreaterThan(p02.endedAtMs!);
    for (const request of fanOut) expect(p10.arrivedAtMs).toBeGreaterThan(request.endedAtMs!);

    // Fan-out: all seven in flight together (default --concurrency 7).
    expect(maxInFlight(fanOut)).toBe(7);

    // Warm-up: the first fan-out request goes alone; the others arrive after its first event.
    const byArrival = [...fanOut].sort((a, b) => a.arrivedAtMs - b.arrivedAtMs);
    const warm = byArrival[0]!;
    expect(warm.firstEventAtMs).toBeDefined();
    const beforeWarm = fanOut.filter((r) => r.arrivedAtMs < warm.firstEventAtMs!);
    expect(beforeWarm.map((r) => r.phaseId)).toEqual([warm.phaseId]);

    // Cache layout: breakpoints after the bundle (last system block; kept an hour, as a full run is
    // expected to outlast five minutes) and after the upstream plans (first user block), and
    // byte-identical prefixes across 03-09.
    for (const request of fanOut) {
      const system = request.body.system;
      expect(Array.isArray(system)).toBe(true);
      const blocks = system as { cache_control?: unknown }[];
      expect(blocks.at(-1)?.cache_control).toEqual({ type: "ephemeral", ttl: "1h" });
      const prefix = cachedPrefix(request);
      expect(prefix.firstUserBlock).toMatchObject({ type: "text", cache_control: { type: "ephemeral" } });
      expect(JSON.stringify(prefix)).toBe(JSON.stringify(cachedPrefix(warm)));
    }
    // The per-phase instructions come after the shared breakpoints and differ.
    const instructions = new Set(fanOut.map((r) => JSON.stringify(r.body.messages[0]?.content.slice(1))));
    expect(instructions.size).toBe(FAN_OUT_IDS.length);

    // Usage: the warm request writes the upstream block; the six others read the whole shared prefix
    // and write only their own instructions (the moving breakpoint, for a tool turn that would follow).
    const others = fanOut.filter((r) => r !== warm);
    const sharedRead = others[0]!.usage!.cache_read_input_tokens;
    for (const request of others) {
      expect(request.usage?.cache_read_input_tokens).toBe(sharedRead);
      expect(request.usage?.input_tokens).toBe(0);
      expect(request.usage!.cache_creation_input_tokens).toBeGreaterThan(0);
      expect(request.usage!.cache_creation_input_tokens).toBeLessThan(sharedRead / 10);
    }
    expect(warm.usage?.cache_read_input_tokens).toBeGreaterThan(0); // the bundle, written by 01

    // The run record: every phase done, with its key, usage and the request ids the server issued.
    const record = await workspace.readRecord();
    expect(Object.keys(record.phases).sort()).toEqual([...PHASE_IDS]);
    for (const id of PHASE_IDS) {
      const entry = record.phases[id]!;
      const sent = only(id);
      expect(entry.state).toBe("done");
      expect(entry.key).toMatch(/^[0-9a-f]{64}$/);
      expect(entry.outputHash).toMatch(/^[0-9a-f]{64}$/);
      expect(entry.lint).toEqual({ errors: 0, warnings: 0 });
      expect(entry.repairRounds).toBe(0);
      expect(entry.requestIds).toEqual([sent.requestId]);
      const u = sent.usage!;
      const write1h = u.cache_creation.ephemeral_1h_input_tokens;
      expect(entry.usage).toEqual({
        input: u.input_tokens,
        cacheWrite: u.cache_creation_input_tokens,
        ...(write1h > 0 ? { cacheWrite1h: write1h } : {}),
        cacheRead: u.cache_read_input_tokens,
        output: u.output_tokens,
        thinking: u.thinking_tokens,
      });
      expect(entry.cacheReadShare).toBeCloseTo(
        u.cache_read_input_tokens /
          (u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens),
        12,
      );
      expect(entry.costUsd).toBeGreaterThan(0);
    }

    // Nothing left behind: no lock, no temp file; the key is nowhere.
    const files = await workspace.listFiles();
    expect(files.filter((f) => f.endsWith(".tmp") || f.endsWith("/lock"))).toEqual([]);
    expect(files.filter((f) => f.includes("transcripts/")).length).toBe(PHASE_IDS.length);
    await expectNoKeyLeak(workspace, [result, lint]);
  });

  it("never has more than --concurrency fan-out calls in flight", async () => {
    const workspace = await newPipelineWorkspace();
    answerFanOutSlowly();
    const result = await workspace.run(["run", "--concurrency", "3"], { server });

    expect(result.code).toBe(0);
    expect(result.stderr).toContain("concurrency 3");
    const fanOut = FAN_OUT_IDS.map(only);
    expect(maxInFlight(fanOut)).toBe(3);
    expect(maxInFlight(server.requests)).toBe(3);
    for (const id of PHASE_IDS) expect(await workspace.readPlan(id)).toBe(plans.get(id));
  });

  it("makes no model call on a second run when nothing changed", async () => {
    const workspace = await newPipelineWorkspace();
    server.setResponder(answerWithPlans(plans));
    const first = await workspace.run(["run"], { server });
    expect(first.code).toBe(0);
    const recordBefore = await workspace.readRecord();
    const requestsBefore = server.requests.length;

    const second = await workspace.run(["run"], { server });
    expect(second.code, second.stderr).toBe(0);
    expect(server.requests).toHaveLength(requestsBefore);
    expect(second.stdout).not.toMatch(/\bdone\b/);
    for (const id of PHASE_IDS) expect(second.stdout).toMatch(new RegExp(`${id}\\s+fresh`));
    expect(await workspace.readRecord()).toEqual(recordBefore);

    const status = await workspace.run(["status"]);
    expect(status.code, status.stdout).toBe(0);
  });
});
