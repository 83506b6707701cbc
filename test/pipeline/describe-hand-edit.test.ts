import { describe, expect, it } from "vitest";
import { describeHandEdit } from "../../src/pipeline/describe-hand-edit.js";
import { keptFolderName } from "../../src/pipeline/keep-edited-plan.js";
import { buildPhaseKey } from "../../src/pipeline/phase-key.js";
import type { PhaseRunRecord } from "../../src/pipeline/run-record.js";
import { components, sha } from "./phase-key-fixtures.js";

function entry(outputHash: string | undefined): PhaseRunRecord {
  return {
    state: outputHash === undefined ? "failed" : "done",
    ...buildPhaseKey(components()),
    ...(outputHash === undefined ? {} : { outputHash }),
    usage: { input: 0, cacheWrite: 0, cacheRead: 0, output: 0 },
    costUsd: 0,
    timings: {
      startedAt: "2026-12-01T10:00:00.000Z",
      finishedAt: "2026-12-01T10:00:01.000Z",
      durationMs: 1000,
    },
    requestIds: [],
    attempts: 1,
    repairRounds: 0,
  };
}

describe("describeHandEdit", () => {
  const written = sha("# Plan as arcp-plan wrote it\n");
  const edited = sha("# Plan as arcp-plan wrote it\nA person's note.\n");

  it("says nothing when the plan is what arcp-plan wrote, or when there is no plan", () => {
    expect(describeHandEdit(entry(written), written)).toBeUndefined();
    expect(describeHandEdit(entry(written), undefined)).toBeUndefined();
    expect(describeHandEdit(undefined, undefined)).toBeUndefined();
  });

  it("names why a plan must be kept before it is overwritten", () => {
    expect(describeHandEdit(entry(written), edited)).toBe("edited by hand");
    expect(describeHandEdit(undefined, edited)).toBe("not written by arcp-plan");
    expect(describeHandEdit(entry(undefined), edited)).toBe("not recorded as written by arcp-plan");
  });
});

describe("keptFolderName", () => {
  it("names a run's folder after its start, without characters some file systems refuse", () => {
    expect(keptFolderName(new Date("2026-12-03T10:15:30.123Z"))).toBe("2026-12-03T10-15-30.123Z");
  });
});
