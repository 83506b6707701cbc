import { describe, expect, it } from "vitest";
import { phaseFreshness } from "../../src/pipeline/phase-freshness.js";
import { buildPhaseKey, type PhaseKeyComponents } from "../../src/pipeline/phase-key.js";
import type { PhaseRunRecord } from "../../src/pipeline/run-record.js";
import { components, sha } from "./phase-key-fixtures.js";

const OUTPUT = sha("# Libraries\n");

function entry(
  overrides: Partial<PhaseRunRecord> = {},
  used: PhaseKeyComponents = components(),
): PhaseRunRecord {
  const { key } = buildPhaseKey(used);
  return {
    state: "done",
    key,
    components: used,
    outputHash: OUTPUT,
    usage: { input: 1000, cacheWrite: 0, cacheRead: 9000, output: 2000 },
    costUsd: 0.05,
    lint: { errors: 0, warnings: 1 },
    timings: {
      startedAt: "2025-01-01T10:00:00.000Z",
      finishedAt: "2025-01-01T10:01:00.000Z",
      durationMs: 60000,
    },
    requestIds: ["req_1"],
    attempts: 1,
    repairRounds: 0,
    ...overrides,
  };
}

describe("phaseFreshness", () => {
  it("fresh when the key's inputs and the file are unchanged", () => {
    expect(phaseFreshness({ entry: entry(), current: components(), outputHash: OUTPUT })).toEqual({
      state: "fresh",
    });
  });

  it("missing when there is no file", () => {
    expect(phaseFreshness({ entry: undefined, current: components(), outputHash: undefined })).toEqual({
      state: "missing",
      reason: "never run",
    });
    expect(phaseFreshness({ entry: entry(), current: components(), outputHash: undefined })).toEqual({
      state: "missing",
      reason: "the plan file was deleted",
    });
  });

  it("failed when the last run failed, with its message", () => {
    const failedLint = entry({ state: "failed-lint", failure: "2 lint errors left after 2 repair rounds" });
    expect(phaseFreshness({ entry: failedLint, current: components(), outputHash: OUTPUT })).toEqual({
      state: "failed",
      reason: "lint errors left: 2 lint errors left after 2 repair rounds",
    });
    const failed = entry({ state: "failed", outputHash: undefined });
    expect(phaseFreshness({ entry: failed, current: components(), outputHash: undefined })).toEqual({
      state: "failed",
      reason: "failed",
    });
  });

  it("untracked (kept, not overwritten) when the file exists but the record does not know it", () => {
    expect(phaseFreshness({ entry: undefined, current: components(), outputHash: OUTPUT })).toMatchObject({
      state: "untracked",
      reason: expect.stringContaining("--force"),
    });
  });

  it("names the bootstrap section when the phase says where its prompt comes from", () => {
    const result = phaseFreshness({
      entry: entry(),
      current: components({ promptHash: sha("prompt v2") }),
      outputHash: OUTPUT,
      promptSource: "bootstrap section Phase 5",
    });
    expect(result).toEqual({ state: "stale", reasons: ["bootstrap section Phase 5 changed"] });
  });

  it("says which input changed", () => {
    const cases: [Partial<PhaseKeyComponents>, string][] = [
      [{ promptHash: sha("prompt v2") }, "prompt changed"],
      [
        { systemPromptHash: sha("system v2") },
        "system prompt changed (the bootstrap's shared parts or the tool's text)",
      ],
      [
        { upstream: { "01-spec-delta.md": sha("edited"), "02-current-audit.md": sha("plan 02") } },
        "upstream 01-spec-delta.md changed",
      ],
      [
        { upstream: { "01-spec-delta.md": sha("plan 01") } },
        "upstream 02-current-audit.md no longer an input",
      ],
      [{ model: "model-b" }, "model changed (model-a → model-b)"],
      [{ parameters: { maxTokens: 8000, maxTurns: 20 } }, "model parameters changed (maxTokens)"],
      [{ toolVersion: "0.2.0" }, "arcp-plan version changed (0.1.0 → 0.2.0)"],
      [{ lintRulesVersion: "2" }, "lint rule set changed"],
    ];
    for (const [change, reason] of cases) {
      const result = phaseFreshness({ entry: entry(), current: components(change), outputHash: OUTPUT });
      expect(result, reason).toEqual({ state: "stale", reasons: [reason] });
    }
  });

  it("counts changed, added and removed bundle files", () => {
    const current = components({
      bundleFiles: {
        "src/arcp/session.py": sha("edited"),
        "src/arcp/job.py": sha("new"),
        "src/arcp/lease.py": sha("new too"),
        "tests/test_job.py": sha("new three"),
      },
    });
    const result = phaseFreshness({ entry: entry(), current, outputHash: OUTPUT });
    expect(result).toEqual({
      state: "stale",
      reasons: [
        "bundle changed: 5 files (../spec/docs/draft.md, src/arcp/job.py, src/arcp/lease.py, +2 more)",
      ],
    });
  });

  it("keeps a hand edit: fresh (flagged) when no input changed, so only dependents re-run", () => {
    const edited = sha("# Libraries, edited\n");
    expect(phaseFreshness({ entry: entry(), current: components(), outputHash: edited })).toEqual({
      state: "fresh",
      editedByHand: true,
    });
  });

  it("lists a hand edit after the changed inputs, since re-running replaces it", () => {
    const result = phaseFreshness({
      entry: entry(),
      current: components({ promptHash: sha("prompt v2") }),
      outputHash: sha("# Libraries, edited\n"),
    });
    expect(result).toEqual({
      state: "stale",
      reasons: ["prompt changed", "output edited by hand (re-running replaces the edit)"],
    });
  });

  it("stale when the components match but the recorded key does not (key format changed)", () => {
    const result = phaseFreshness({
      entry: entry({ key: sha("old format") }),
      current: components(),
      outputHash: OUTPUT,
    });
    expect(result).toEqual({ state: "stale", reasons: ["key format changed"] });
  });
});
