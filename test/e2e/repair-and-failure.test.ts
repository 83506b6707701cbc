import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_RETRIES } from "../../src/llm/anthropic-model.js";
import { expectNoKeyLeak } from "../support/expect-no-key-leak.js";
import { fault } from "../support/fake-anthropic-server.js";
import { answerWithPlans, isRepairRequest, lastUserText } from "../support/fixture-plans.js";
import { newPipelineWorkspace, plans, server, usePipelineHarness } from "../support/pipeline-harness.js";
import { FAN_OUT_IDS, PHASE_IDS } from "../support/pipeline-workspace.js";

// Issue 5 "Done when": a repair round turns a violating draft into a clean one; a phase that stays
// dirty yields exit 1 with its file written; a failing phase skips only phase 10.

usePipelineHarness();

/** The clean plan plus a paragraph with two banned words and a spec section that does not exist. */
function violating(phaseId: string): string {
  return `${plans.get(phaseId)}\nThe ASGI adapter is a robust seam that we leverage for \`ARCPServer\`, as §99.4 requires.\n`;
}

const phasesCalled = () => [...new Set(server.requests.map((r) => r.phaseId))].sort();

describe("lint and repair", () => {
  it("a repair round turns a violating draft into the clean plan", async () => {
    const workspace = await newPipelineWorkspace();
    server.setResponder(
      answerWithPlans(plans, {
        override: (r) =>
          r.phaseId === "05-middleware" && !isRepairRequest(r) ? violating("05-middleware") : undefined,
      }),
    );
    const result = await workspace.run(["run"], { server });

    expect(result.code, result.stderr).toBe(0);
    expect(await workspace.readPlan("05-middleware")).toBe(plans.get("05-middleware"));
    expect(result.stderr).toMatch(/05-middleware: lint: 3 error\(s\)/);
    expect(result.stderr).toMatch(/05-middleware: lint after repair 1: 0 error\(s\)/);

    const sent = server.requestsFor("05-middleware");
    expect(sent).toHaveLength(2);
    expect(isRepairRequest(sent[0]!)).toBe(false);
    const repair = lastUserText(sent[1]!);
    expect(repair).toMatch(/^The linter found 3 errors in `planning\/v1\.1\/05-middleware\.md`/);
    expect(repair).toContain("[banned-words]");
    expect(repair).toContain("[spec-sections]");
    expect(repair).toContain("§99.4");
    // The repair turn continues the conversation: the draft is the assistant turn before it.
    const messages = sent[1]!.body.messages;
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(JSON.stringify(messages[1])).toContain("robust seam");

    const entry = (await workspace.readRecord()).phases["05-middleware"]!;
    expect(entry).toMatchObject({ state: "done", repairRounds: 1, lint: { errors: 0, warnings: 0 } });
    expect(entry.requestIds).toEqual(sent.map((r) => r.requestId));
    const lint = await workspace.run(["lint"]);
    expect(lint.code, lint.stdout).toBe(0);
  });

  it("a phase that stays dirty is written, recorded failed-lint, and the run exits 1", async () => {
    const workspace = await newPipelineWorkspace();
    server.setResponder(
      answerWithPlans(plans, {
        override: (r) => (r.phaseId === "06-examples" ? violating("06-examples") : undefined),
      }),
    );
    const result = await workspace.run(["run"], { server });

    expect(result.code).toBe(1);
    expect(await workspace.readPlan("06-examples")).toBe(violating("06-examples"));
    // A repair round that fixes nothing stops the loop early (no second, useless repair).
    expect(server.requestsFor("06-examples")).toHaveLength(2);
    const entry = (await workspace.readRecord()).phases["06-examples"]!;
    expect(entry).toMatchObject({ state: "failed-lint", repairRounds: 1, lint: { errors: 3 } });
    expect(result.stdout).toMatch(/06-examples\s+failed-lint/);

    const status = await workspace.run(["status"]);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/06-examples\s+failed\s+lint errors left/);
    const lint = await workspace.run(["lint", "planning/v1.1/06-examples.md"]);
    expect(lint.code).toBe(1);
  });
});

describe("a failing phase", () => {
  it("skips only phase 10; the next run re-runs the failed phase and 10", async () => {
    const workspace = await newPipelineWorkspace();
    const failing = "03-libraries";
    // More 500s than the SDK retries: the call fails for good.
    const attempts = DEFAULT_MAX_RETRIES + 1;
    server.script(failing, ...Array.from({ length: attempts }, () => fault.serverError()));
    server.setResponder(answerWithPlans(plans));
    const first = await workspace.run(["run"], { server });

    expect(first.code).toBe(1);
    expect(server.pending()).toEqual({});
    expect(server.requestsFor(failing).map((r) => r.status)).toEqual(Array(attempts).fill(500));
    expect(server.requestsFor("10-synthesis")).toHaveLength(0);
    for (const id of FAN_OUT_IDS.filter((id) => id !== failing)) {
      expect(await workspace.readPlan(id)).toBe(plans.get(id));
    }
    await expect(workspace.readPlan(failing)).rejects.toThrow(/ENOENT/);
    await expect(workspace.readPlan("10-synthesis")).rejects.toThrow(/ENOENT/);
    expect(first.stdout).toMatch(/03-libraries\s+failed/);
    expect(first.stdout).toMatch(/10-synthesis\s+skipped/);
    expect(first.stderr).toMatch(/10-synthesis: skipped.*needs 03-libraries, which failed/);

    const record = await workspace.readRecord();
    expect(record.phases[failing]?.state).toBe("failed");
    expect(record.phases[failing]?.failure).toBeTruthy();
    expect(record.phases["10-synthesis"]).toBeUndefined();
    for (const id of PHASE_IDS.filter((id) => id !== failing && id !== "10-synthesis")) {
      expect(record.phases[id]?.state).toBe("done");
    }

    server.requests.length = 0;
    const second = await workspace.run(["run"], { server });
    expect(second.code, second.stderr).toBe(0);
    expect(phasesCalled()).toEqual([failing, "10-synthesis"]);
    expect(server.requests).toHaveLength(2);
    expect(await workspace.readPlan(failing)).toBe(plans.get(failing));
    expect(await workspace.readPlan("10-synthesis")).toBe(plans.get("10-synthesis"));
    await expectNoKeyLeak(workspace, [first, second]);
  });

  it("a failed re-run keeps the previous good plan, and its dependents stay fresh", async () => {
    const workspace = await newPipelineWorkspace();
    server.setResponder(answerWithPlans(plans));
    expect((await workspace.run(["run"], { server })).code).toBe(0);
    const good = await workspace.readPlan("04-architecture");

    server.requests.length = 0;
    server.script("04-architecture", fault.http(400));
    const failed = await workspace.run(["phase", "04-architecture"], { server });
    expect(failed.code).toBe(1);
    expect(server.requests.map((r) => r.status)).toEqual([400]);
    expect(await workspace.readPlan("04-architecture")).toBe(good);
    const files = await workspace.listFiles();
    expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect((await workspace.readRecord()).phases["04-architecture"]?.state).toBe("failed");

    // The plan on disk did not change, so 10 keeps its key; only the failed phase runs again.
    server.requests.length = 0;
    const again = await workspace.run(["run"], { server });
    expect(again.code, again.stderr).toBe(0);
    expect(phasesCalled()).toEqual(["04-architecture"]);
  });
});
