import { describe, expect, it } from "vitest";
import { renderDryRun } from "../../src/cli/render/render-dry-run.js";
import { ZERO_USAGE } from "../../src/llm/usage.js";
import type { PhaseStatus } from "../../src/pipeline/read-phase-statuses.js";

const ids = Array.from({ length: 10 }, (_, i) => `${String(i + 1).padStart(2, "0")}-phase`);
const status = (phase: string, freshness: PhaseStatus["freshness"]): PhaseStatus => ({
  phase,
  output: `${phase}.md`,
  freshness,
  lastCostUsd: undefined,
  interrupted: undefined,
  lastRunAt: undefined,
  lint: undefined,
  planTokens: 900,
  handEdit: undefined,
});
const untracked = {
  state: "untracked",
  reason: "not written by arcp-plan (no run-record entry); kept until --force",
} as const;

function render(
  forced: boolean,
  overwrites: { phase: string; file: string; reason: string }[],
  maxCost?: number,
) {
  return renderDryRun({
    graphs: "",
    schedule: "table (the default)",
    bundle: { files: 3, sentTokens: 1000, omitted: 0, budgetTokens: 120_000 },
    statuses: [
      ...ids.slice(0, 9).map((id) => status(id, untracked)),
      status(ids[9]!, { state: "missing", reason: "never run" }),
    ],
    toRun: forced ? ids : [ids[9]!],
    forced: { phases: new Set(forced ? ids : []), by: "--force" },
    overwrites,
    keptDir: "planning/.arcp-plan/kept",
    estimate: {
      phases: [],
      usage: { ...ZERO_USAGE },
      costUsd: 1.25,
      unknownModels: [],
      expectedMs: 90_000,
      bundleCacheTtl: "5m",
    },
    maxCost,
  });
}

describe("the dry run", () => {
  it("says what a forced phase replaces, once for all the phases it applies to", () => {
    const text = render(true, []);
    expect(text.match(/--force: replaces a plan arcp-plan did not write/g)).toHaveLength(1);
    expect(text).toMatch(/^01-phase\s+run\s+\[1\]/m);
    expect(text).toMatch(/^\[1\] --force: replaces a plan arcp-plan did not write$/m);
    // A phase that runs anyway keeps its own reason.
    expect(text).toMatch(/^10-phase\s+run\s+never run/m);
  });

  it("without --force keeps plans it did not write, and says the short reason inline", () => {
    const text = render(false, []);
    expect(text).toMatch(/^01-phase\s+keep\s+untracked \(kept\)/m);
    expect(text).toContain("Hand edits: a real run would overwrite no plan");
  });

  it("counts many plans a run would overwrite for one reason, and names a few", () => {
    const many = ids.map((id) => ({
      phase: id,
      file: `planning/v1.1/${id}.md`,
      reason: "not written by arcp-plan",
    }));
    expect(render(true, many)).toContain(
      "Hand edits: a real run would overwrite 10 plans in planning/v1.1/ (01-phase.md … 10-phase.md) (not written by arcp-plan); each is copied to planning/.arcp-plan/kept/<run start>/ first.",
    );
    const few = [{ phase: ids[3]!, file: "planning/v1.1/04-phase.md", reason: "edited by hand" }];
    expect(render(true, few)).toContain(
      "overwrite planning/v1.1/04-phase.md (edited by hand); each is copied",
    );
  });

  it("says when a real run would refuse the estimate under --max-cost", () => {
    expect(render(false, [], 2)).toContain("Estimated cost: $1.2500; --max-cost $2\n");
    expect(render(false, [], 1)).toContain(
      "Estimated cost: $1.2500; --max-cost $1: a real run would refuse to start (exit 2)",
    );
  });
});
