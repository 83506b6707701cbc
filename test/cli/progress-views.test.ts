import { describe, expect, it } from "vitest";
import { createProgressReporter } from "../../src/cli/progress-reporter.js";
import { applyEventToRows, type LiveRow, renderLiveTable } from "../../src/cli/render/render-live-table.js";
import { renderRunEvent } from "../../src/cli/render/render-run-event.js";
import type { PipelineEvent } from "../../src/pipeline/pipeline-events.js";

const usage = {
  inputTokens: 100,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 12_000,
  outputTokens: 800,
  thinkingTokens: 300,
};
const events: PipelineEvent[] = [
  { type: "run-start", phases: ["01-spec-delta", "02-current-audit"], concurrency: 7, schedule: "table" },
  { type: "phase-start", phase: "01-spec-delta", model: "claude-opus-5-5", why: "never run" },
  { type: "phase-call", phase: "01-spec-delta", turn: 1, usage, costUsd: 0.0321 },
  { type: "phase-lint", phase: "01-spec-delta", round: 0, errors: 1, warnings: 0 },
  { type: "phase-lint", phase: "01-spec-delta", round: 1, errors: 0, warnings: 0 },
  {
    type: "phase-end",
    summary: {
      phase: "01-spec-delta",
      state: "done",
      file: "planning/v1.1/01-spec-delta.md",
      usage,
      costUsd: 0.0321,
      durationMs: 1500,
    },
  },
  { type: "phase-end", summary: { phase: "02-current-audit", state: "skipped", reason: "cost cap reached" } },
];

describe("progress views", () => {
  it("names the phase on every line of the non-terminal view", () => {
    const lines = events.slice(1).map(renderRunEvent);
    for (const line of lines) expect(line).toMatch(/^0[12]-[a-z-]+: /);
    expect(lines).toContain("01-spec-delta: lint after repair 1: 0 error(s), 0 warning(s)");
    expect(lines.at(-2)).toBe("01-spec-delta: done, wrote planning/v1.1/01-spec-delta.md, 1.5 s, $0.0321");
    expect(lines.at(-1)).toBe("02-current-audit: skipped, cost cap reached");
    const unanswered = renderRunEvent({ ...events[2]!, turn: 2, unanswered: true } as PipelineEvent);
    expect(unanswered).toMatch(/^01-spec-delta: call 2 \(failed or interrupted, billed\): in 100, /);
  });

  it("keeps a live row per phase with state, calls, tokens and cost", () => {
    const rows = new Map<string, LiveRow>();
    for (const [i, event] of events.entries()) applyEventToRows(rows, event, 1000 * i);
    expect(rows.get("01-spec-delta")).toMatchObject({ state: "done", turns: 1, costUsd: 0.0321 });
    expect(rows.get("02-current-audit")?.state).toBe("skipped");
    const frame = renderLiveTable(rows.values(), 10_000, 80);
    expect(frame.split("\n")[0]).toMatch(
      /^phase\s+state\s+elapsed\s+calls\s+tokens in\s+cached\s+out\s+cost$/,
    );
    expect(frame).toMatch(/01-spec-delta\s+done\s+4\.0s\s+1\s+12k\s+12k\s+800\s+\$0\.0321/);
    for (const line of renderLiveTable(rows.values(), 10_000, 30).split("\n"))
      expect(line.length).toBeLessThanOrEqual(29);
  });

  it("prints NDJSON events on stdout with --json and nothing on stderr", () => {
    const out: string[] = [];
    const err: string[] = [];
    const reporter = createProgressReporter(
      { isTTY: true, columns: 80, output: (t) => out.push(t), progress: (t) => err.push(t) },
      true,
    );
    for (const event of events) reporter.onEvent(event);
    reporter.close();
    expect(err).toEqual([]);
    expect(out.map((line) => JSON.parse(line).type)).toEqual(events.map((e) => e.type));
  });

  it("redraws the live table in place on a terminal", () => {
    const err: string[] = [];
    const reporter = createProgressReporter(
      { isTTY: true, columns: 80, output: () => {}, progress: (t) => err.push(t) },
      false,
    );
    for (const event of events.slice(0, 3)) reporter.onEvent(event);
    reporter.close();
    expect(err[0]).not.toContain("\x1b[");
    // Every later frame first moves up over the previous one (header + rule + 2 rows).
    expect(err[1]?.startsWith("\x1b[4A\r\x1b[0J")).toBe(true);
  });
});
