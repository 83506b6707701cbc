import { describe, expect, it } from "vitest";
import { chooseProgressMode } from "../../src/cli/progress-mode.js";
import { createProgressReporter } from "../../src/cli/progress-reporter.js";
import {
  applyEventToRows,
  createLiveState,
  renderLiveTable,
} from "../../src/cli/render/render-live-table.js";
import { renderRunEvent } from "../../src/cli/render/render-run-event.js";
import { formatPlanList, renderRunSummary } from "../../src/cli/render/render-run-summary.js";
import type { PhaseSummary, PipelineEvent, RunSummary } from "../../src/pipeline/pipeline-events.js";

const usage = {
  inputTokens: 100,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 12_000,
  outputTokens: 800,
  thinkingTokens: 300,
};
const specDeltaDone: PhaseSummary = {
  phase: "01-spec-delta",
  state: "done",
  file: "planning/v1.1/01-spec-delta.md",
  usage,
  costUsd: 0.0321,
  durationMs: 1500,
};
const events: PipelineEvent[] = [
  { type: "run-start", phases: ["01-spec-delta", "02-current-audit"], concurrency: 7, schedule: "table" },
  { type: "phase-start", phase: "01-spec-delta", model: "claude-opus-5-5", why: "never run" },
  { type: "phase-call", phase: "01-spec-delta", turn: 1, usage, costUsd: 0.0321 },
  { type: "phase-lint", phase: "01-spec-delta", round: 0, errors: 1, warnings: 0 },
  { type: "phase-lint", phase: "01-spec-delta", round: 1, errors: 0, warnings: 0 },
  { type: "phase-end", summary: specDeltaDone },
  { type: "phase-end", summary: { phase: "02-current-audit", state: "skipped", reason: "cost cap reached" } },
];

const sink = () => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    context: { columns: 120, output: (t: string) => out.push(t), stderr: (t: string) => err.push(t) },
  };
};

describe("progress views", () => {
  it("names the phase on every line of the non-terminal view", () => {
    const lines = events.slice(1).map(renderRunEvent);
    for (const line of lines) expect(line).toMatch(/^0[12]-[a-z-]+: /);
    expect(lines).toContain("01-spec-delta: lint after repair 1: 0 error(s), 0 warning(s)");
    expect(lines.at(-2)).toBe("01-spec-delta: done, wrote planning/v1.1/01-spec-delta.md, 1.5 s, $0.0321");
    expect(lines.at(-1)).toBe("02-current-audit: skipped, cost cap reached");
    const unanswered = renderRunEvent({ ...events[2]!, turn: 2, unanswered: true } as PipelineEvent);
    expect(unanswered).toMatch(/^01-spec-delta: call 2 \(failed or interrupted, billed\): in 100, /);
    expect(
      renderRunEvent({ type: "phase-wait", phase: "05-middleware", for: "cache", first: "03-libraries" }),
    ).toBe("05-middleware: waiting for the prompt cache (03-libraries writes it first)");
  });

  it("keeps a live row per phase with state, calls, tokens and cost", () => {
    const state = createLiveState(undefined);
    for (const [i, event] of events.entries()) applyEventToRows(state, event, 1000 * i);
    expect(state.rows.get("01-spec-delta")).toMatchObject({ state: "done", turns: 1, costUsd: 0.0321 });
    expect(state.rows.get("02-current-audit")?.state).toBe("skipped");
    const frame = renderLiveTable(state, 10_000, 200).split("\n");
    expect(frame[1]).toMatch(/^phase\s+state\s+elapsed\s+calls\s+tokens in\s+cached\s+out\s+cost$/);
    expect(frame.join("\n")).toMatch(/01-spec-delta\s+done\s+4\.0s\s+1\s+12k\s+12k\s+800\s+\$0\.0321/);
    for (const line of renderLiveTable(state, 10_000, 30).split("\n"))
      expect(line.length).toBeLessThanOrEqual(29);
  });

  it("heads the live view with elapsed time, phases finished, tokens and the spend against the cap", () => {
    const capped = createLiveState(2.5);
    for (const event of events.slice(0, 3)) applyEventToRows(capped, event, 1000);
    expect(renderLiveTable(capped, 73_400, 200).split("\n")[0]).toBe(
      "spent $0.0321 of --max-cost $2.5 · elapsed 1 min 12 s · 0/2 finished · tokens in 12k (12k cached), out 800",
    );
    const uncapped = createLiveState(undefined);
    for (const event of events) applyEventToRows(uncapped, event, 1000);
    expect(renderLiveTable(uncapped, 3_000, 200).split("\n")[0]).toBe(
      "spent $0.0321, no --max-cost cap · elapsed 2.0 s · 2/2 finished · tokens in 12k (12k cached), out 800",
    );
  });

  it("shows a phase held for the cache warm-up as waiting for cache, then running", () => {
    const state = createLiveState(undefined);
    applyEventToRows(
      state,
      { type: "run-start", phases: ["03-libraries", "05-middleware"], concurrency: 7, schedule: "table" },
      0,
    );
    applyEventToRows(state, { type: "phase-start", phase: "05-middleware", model: "m", why: "never run" }, 0);
    applyEventToRows(
      state,
      { type: "phase-wait", phase: "05-middleware", for: "cache", first: "03-libraries" },
      0,
    );
    expect(renderLiveTable(state, 500, 200)).toMatch(/05-middleware\s+waiting for cache\s+0\.5s/);
    applyEventToRows(state, { type: "phase-resume", phase: "05-middleware" }, 600);
    expect(renderLiveTable(state, 700, 200)).toMatch(/05-middleware\s+running\s+0\.7s/);
  });

  it("shows a phase the cost cap holds before its first call as held, then running", () => {
    const state = createLiveState(0.5);
    applyEventToRows(
      state,
      { type: "run-start", phases: ["03-libraries"], concurrency: 7, schedule: "table" },
      0,
    );
    const held = "waiting for calls in flight to settle";
    applyEventToRows(state, { type: "phase-held", phase: "03-libraries", reason: held }, 0);
    expect(renderLiveTable(state, 500, 200)).toMatch(/^03-libraries\s+held\s*$/m);
    applyEventToRows(
      state,
      { type: "phase-start", phase: "03-libraries", model: "m", why: "never run" },
      600,
    );
    expect(renderLiveTable(state, 700, 200)).toMatch(/03-libraries\s+running\s+0\.1s/);
  });

  it("with --json prints NDJSON events on stdout, and --progress json prints them on stderr", () => {
    const both = sink();
    const reporter = createProgressReporter(both.context, { mode: "none", json: true, maxCost: undefined });
    for (const event of events) reporter.onEvent(event);
    reporter.close();
    expect(both.err).toEqual([]);
    expect(both.out.map((line) => JSON.parse(line).type)).toEqual(events.map((e) => e.type));

    const stderrOnly = sink();
    const json = createProgressReporter(stderrOnly.context, {
      mode: "json",
      json: false,
      maxCost: undefined,
    });
    for (const event of events) json.onEvent(event);
    json.close();
    expect(stderrOnly.out).toEqual([]);
    expect(stderrOnly.err.map((line) => JSON.parse(line).type)).toEqual(events.map((e) => e.type));

    const quiet = sink();
    const none = createProgressReporter(quiet.context, { mode: "none", json: false, maxCost: undefined });
    for (const event of events) none.onEvent(event);
    none.close();
    expect([...quiet.out, ...quiet.err]).toEqual([]);
  });

  it("redraws the live table in place on a terminal", () => {
    const { err, context } = sink();
    const reporter = createProgressReporter(context, { mode: "live", json: false, maxCost: undefined });
    for (const event of events.slice(0, 3)) reporter.onEvent(event);
    reporter.close();
    expect(err[0]).not.toContain("\x1b[");
    // Every later frame first moves up over the previous one (header line + column titles + rule + 2 rows).
    expect(err[1]?.startsWith("\x1b[5A\r\x1b[0J")).toBe(true);
  });

  it("picks the view: --progress wins; live only on a terminal outside CI; nothing beside --json", () => {
    const tty = { isTTY: true, env: {}, json: false };
    expect(chooseProgressMode(undefined, tty)).toBe("live");
    expect(chooseProgressMode(undefined, { ...tty, env: { CI: "true" } })).toBe("lines");
    expect(chooseProgressMode(undefined, { ...tty, env: { CI: "1" } })).toBe("lines");
    expect(chooseProgressMode(undefined, { ...tty, env: { CI: "false" } })).toBe("live");
    expect(chooseProgressMode(undefined, { ...tty, env: { CI: "" } })).toBe("live");
    expect(chooseProgressMode(undefined, { ...tty, isTTY: false })).toBe("lines");
    expect(chooseProgressMode(undefined, { ...tty, json: true })).toBe("none");
    expect(chooseProgressMode("live", { ...tty, isTTY: false, env: { CI: "true" } })).toBe("live");
    expect(chooseProgressMode("lines", tty)).toBe("lines");
  });
});

describe("the final summary", () => {
  const summary: RunSummary = {
    phases: [
      { ...specDeltaDone, errors: 0, warnings: 0 },
      {
        phase: "02-current-audit",
        state: "failed",
        usage,
        costUsd: 0.01,
        reason: "the model stopped at max_tokens",
      },
      { phase: "03-libraries", state: "skipped", reason: "needs 02-current-audit, which failed" },
    ],
    filesWritten: ["planning/v1.1/01-spec-delta.md"],
    usage,
    costUsd: 0.0421,
    costIncomplete: false,
    cacheHitRate: 0.5,
    sharedPrefixHitRate: undefined,
    wallMs: 4200,
    interrupted: false,
    secrets: { withheldFiles: 0, redactions: {} },
  };

  it("after the live view names only the phases that need attention, not every row again", () => {
    const text = renderRunSummary(summary, { phaseTable: false });
    expect(text).not.toMatch(/^phase\s+state/m);
    expect(text).not.toContain("01-spec-delta:");
    expect(text.split("\n").slice(0, 2)).toEqual([
      "02-current-audit: failed, the model stopped at max_tokens",
      "03-libraries: skipped, needs 02-current-audit, which failed",
    ]);
    expect(text).toContain("cost: $0.0421");
    expect(text).toContain("wall time: 4.2 s");
  });

  it("after the live view still names the phases the cost cap stopped, and the cap line", () => {
    const capped: RunSummary = {
      ...summary,
      phases: [
        { ...specDeltaDone, errors: 0, warnings: 0 },
        { phase: "02-current-audit", state: "skipped", reason: "cost cap: $0.9 would exceed --max-cost $1" },
      ],
    };
    const text = renderRunSummary(capped, { phaseTable: false });
    expect(text.split("\n")[0]).toBe("02-current-audit: skipped, cost cap: $0.9 would exceed --max-cost $1");
    expect(text).toContain("cost cap: 02-current-audit skipped or stopped to stay under --max-cost");
  });

  it("elsewhere keeps the table with a row per phase", () => {
    const text = renderRunSummary(summary, { phaseTable: true });
    expect(text).toMatch(/^phase\s+state\s+lint e\/w/m);
    for (const phase of summary.phases)
      expect(text).toMatch(new RegExp(`^${phase.phase}\\s+${phase.state}`, "m"));
  });

  it("names a few files written, and counts many", () => {
    expect(formatPlanList([])).toBe("none");
    expect(formatPlanList(["planning/v1.1/01-spec-delta.md"])).toBe("planning/v1.1/01-spec-delta.md");
    const ten = Array.from({ length: 10 }, (_, i) => `planning/v1.1/${String(i + 1).padStart(2, "0")}-x.md`);
    expect(formatPlanList(ten)).toBe("10 plans in planning/v1.1/ (01-x.md … 10-x.md)");
  });
});
