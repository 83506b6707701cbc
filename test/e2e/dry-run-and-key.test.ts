import { describe, expect, it } from "vitest";
import type { PipelineEvent } from "../../src/pipeline/pipeline-events.js";
import { expectNoKeyLeak } from "../support/expect-no-key-leak.js";
import { newPipelineWorkspace, server, usePipelineHarness } from "../support/pipeline-harness.js";
import { PHASE_IDS } from "../support/pipeline-workspace.js";

// Issue 5: `--dry-run` (no network, no key), `--max-cost`, `--json` progress, and the API key's
// handling: a clear exit 2 without it, and never a trace of it in files or output.

usePipelineHarness({ answerWithFixturePlans: true });

/** The server's URL but no key: what a user without ANTHROPIC_API_KEY has. */
const withoutKey = () => ({ env: { ANTHROPIC_BASE_URL: server.url } });

describe("run --dry-run", () => {
  it("sends nothing, needs no key, writes nothing, and shows both schedules and an estimate", async () => {
    const workspace = await newPipelineWorkspace();
    const before = await workspace.listFiles();
    const result = await workspace.run(["run", "--dry-run"], withoutKey());

    expect(result.code, result.stderr).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(await workspace.listFiles()).toEqual(before);
    expect(result.stdout).toContain("table (bootstrap's table): 4 levels");
    expect(result.stdout).toContain("reads (prompts' reads): 7 levels");
    for (const id of PHASE_IDS) expect(result.stdout).toMatch(new RegExp(`${id}\\s+run\\s+never run`));
    expect(result.stdout).toMatch(/Estimated cost: \$\d+\.\d{4}/);
    expect(result.stdout).toContain("No request was sent");

    const json = await workspace.run(["run", "--dry-run", "--json"], withoutKey());
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { toRun: string[]; estimate: { costUsd: number } };
    expect(parsed.toRun).toEqual([...PHASE_IDS]);
    expect(parsed.estimate.costUsd).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(0);
  });

  it("--max-cost below the estimate refuses to start: exit 2, no request", async () => {
    const workspace = await newPipelineWorkspace();
    const result = await workspace.run(["run", "--max-cost", "0.0001"], { server });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/estimated cost \$\d+\.\d+ of 10 phase\(s\) exceeds --max-cost \$0\.0001/);
    expect(server.requests).toHaveLength(0);
    await expect(workspace.readPlan("01-spec-delta")).rejects.toThrow(/ENOENT/);
  });
});

describe("run --json", () => {
  it("prints newline-delimited events, one JSON value per line, from run-start to run-end", async () => {
    const workspace = await newPipelineWorkspace();
    const result = await workspace.run(["run", "--json"], { server });

    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    const events = lines.map((line) => JSON.parse(line) as PipelineEvent);
    expect(events[0]?.type).toBe("run-start");
    const end = events.at(-1);
    expect(end?.type).toBe("run-end");
    const ended = events.filter((e) => e.type === "phase-end");
    expect(ended.map((e) => e.summary.phase).sort()).toEqual([...PHASE_IDS]);
    expect(ended.every((e) => e.summary.state === "done")).toBe(true);
    if (end?.type === "run-end") {
      expect(end.summary.filesWritten).toHaveLength(PHASE_IDS.length);
      expect(end.summary.usage.cacheReadTokens).toBeGreaterThan(0);
    }
    // The key reached the server on every request (the fake server never stores it) and nowhere else.
    expect(server.requests.every((r) => r.apiKeyPresent)).toBe(true);
    await expectNoKeyLeak(workspace, [result]);
  });
});

describe("the API key", () => {
  it("is required for a real run: exit 2 naming ANTHROPIC_API_KEY, no request, nothing written, no key anywhere", async () => {
    const workspace = await newPipelineWorkspace();
    const missing = await workspace.run(["run"], withoutKey());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("ANTHROPIC_API_KEY");
    expect(missing.stderr).not.toContain("interrupted");
    expect(server.requests).toHaveLength(0);
    // Checked before the lock is taken: no record, no transcript, no lock, no plan left behind.
    expect(await workspace.listFiles()).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/planning\//)]),
    );

    const phase = await workspace.run(["phase", "01-spec-delta"], withoutKey());
    expect(phase.code).toBe(2);
    expect(phase.stderr).toContain("ANTHROPIC_API_KEY");

    const blank = await workspace.run(["run"], {
      env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: "  " },
    });
    expect(blank.code).toBe(2);
    expect(blank.stderr).toContain("ANTHROPIC_API_KEY");
    expect(server.requests).toHaveLength(0);
    await expectNoKeyLeak(workspace, [missing, blank]);
  });
});
