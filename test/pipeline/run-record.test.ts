import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildPhaseKey } from "../../src/pipeline/phase-key.js";
import {
  emptyRunRecord,
  RUN_RECORD_FILE,
  type RunRecord,
  readRunRecord,
  recordPhaseOutcome,
  runRecordSchema,
  runStateDir,
  writeRunRecord,
} from "../../src/pipeline/run-record.js";
import { components, sha } from "./phase-key-fixtures.js";

function sampleRecord(): RunRecord {
  const { key, components: used } = buildPhaseKey(components());
  return {
    version: 1,
    updatedAt: "2025-01-01T10:05:00.000Z",
    phases: {
      "03-libraries": {
        state: "done",
        key,
        components: used,
        outputHash: sha("# Libraries\n"),
        usage: { input: 1200, cacheWrite: 0, cacheRead: 48000, output: 3100 },
        costUsd: 0.0712,
        lint: { errors: 0, warnings: 2 },
        timings: {
          startedAt: "2025-01-01T10:00:00.000Z",
          finishedAt: "2025-01-01T10:01:30.000Z",
          durationMs: 90000,
        },
        requestIds: ["req_a", "req_b"],
        attempts: 2,
        repairRounds: 1,
      },
    },
  };
}

describe("run record", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "arcp-plan-record-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("lives in the output folder's parent", () => {
    expect(runStateDir("/ws/sdk/planning/v1.1")).toBe(path.resolve("/ws/sdk/planning/.arcp-plan/v1.1"));
    expect(runStateDir("/ws/sdk/planning/v1.1/")).toBe(path.resolve("/ws/sdk/planning/.arcp-plan/v1.1"));
    expect(runStateDir("/ws/sdk/planning/v1.2")).toBe(path.resolve("/ws/sdk/planning/.arcp-plan/v1.2"));
  });

  it("reads a record from where versions before 0.2 kept it, and writes to the new place", async () => {
    const legacy = path.join(dir, ".arcp-plan");
    await writeRunRecord(legacy, sampleRecord());
    const stateDir = runStateDir(path.join(dir, "v1.1"));
    expect(stateDir).toBe(path.join(legacy, "v1.1"));
    expect(await readRunRecord(stateDir)).toEqual({ record: sampleRecord() });
    await writeRunRecord(stateDir, { ...sampleRecord(), schedule: "reads" });
    expect((await readRunRecord(stateDir)).record.schedule).toBe("reads");
    expect((await readRunRecord(legacy)).record).toEqual(sampleRecord());
  });

  it("a missing record reads as empty, without a warning", async () => {
    expect(await readRunRecord(path.join(dir, ".arcp-plan"))).toEqual({ record: emptyRunRecord() });
  });

  it("round-trips through an atomic write that creates the folder", async () => {
    const stateDir = path.join(dir, ".arcp-plan");
    await writeRunRecord(stateDir, sampleRecord());
    expect(await readdir(stateDir)).toEqual([RUN_RECORD_FILE]);
    expect(await readRunRecord(stateDir)).toEqual({ record: sampleRecord() });
  });

  it("keeps the list of kept copies, and still reads a record written before there was one", async () => {
    const stateDir = path.join(dir, ".arcp-plan");
    const withKept: RunRecord = {
      ...sampleRecord(),
      kept: [
        {
          phase: "03-libraries",
          file: "planning/v1.1/03-libraries.md",
          keptAs: "planning/.arcp-plan/kept/2025-01-01T10-00-00.000Z/03-libraries.md",
          reason: "edited by hand",
          at: "2025-01-01T10:01:30.000Z",
        },
      ],
    };
    await writeRunRecord(stateDir, withKept);
    expect(await readRunRecord(stateDir)).toEqual({ record: withKept });
    expect(sampleRecord().kept).toBeUndefined();
  });

  it("refuses to write a record that does not match its schema", async () => {
    const bad = sampleRecord();
    bad.phases["03-libraries"]!.attempts = -1;
    await expect(writeRunRecord(dir, bad)).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it("ignores a corrupt record with a warning instead of crashing", async () => {
    await writeFile(path.join(dir, RUN_RECORD_FILE), '{"version": 1, "phases": {"03-lib');
    const { record, warning } = await readRunRecord(dir);
    expect(record).toEqual(emptyRunRecord());
    expect(warning).toMatch(/ignored the run record .*run-record\.json: not valid JSON/);
    expect(warning).toMatch(/will be rebuilt/);
  });

  it("ignores a record of another version or shape, naming the first problem", async () => {
    await writeFile(path.join(dir, RUN_RECORD_FILE), JSON.stringify({ version: 99, phases: {} }));
    expect((await readRunRecord(dir)).warning).toMatch(/not a version 1 run record \(version:/);
    const broken = sampleRecord() as unknown as { phases: Record<string, { usage: unknown }> };
    broken.phases["03-libraries"]!.usage = { input: "lots" };
    await writeFile(path.join(dir, RUN_RECORD_FILE), JSON.stringify(broken));
    const { record, warning } = await readRunRecord(dir);
    expect(record).toEqual(emptyRunRecord());
    expect(warning).toMatch(/phases\.03-libraries\.usage/);
  });

  it("ignores a record path that cannot be read as a file", async () => {
    await mkdir(path.join(dir, RUN_RECORD_FILE));
    const { record, warning } = await readRunRecord(dir);
    expect(record).toEqual(emptyRunRecord());
    expect(warning).toMatch(/ignored the run record/);
  });

  it("writes pretty JSON with a trailing newline", async () => {
    await writeRunRecord(dir, sampleRecord());
    const text = await readFile(path.join(dir, RUN_RECORD_FILE), "utf8");
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain('\n  "version": 1,');
  });
});

describe("recordPhaseOutcome", () => {
  it("notes an interrupted attempt beside an earlier entry, and a settled run clears the note", () => {
    const record = sampleRecord();
    const entry = record.phases["03-libraries"]!;
    const attempt = {
      at: "2025-01-02T09:00:00.000Z",
      usage: { input: 900, cacheWrite: 12_000, cacheRead: 0, output: 1 },
      costUsd: 0.0795,
    };
    recordPhaseOutcome(record, "03-libraries", attempt, "reads");
    recordPhaseOutcome(record, "04-architecture", attempt, "reads");
    expect(record.phases["03-libraries"]).toBe(entry);
    expect(record.interrupted).toEqual({ "03-libraries": attempt, "04-architecture": attempt });
    expect(record.schedule).toBe("reads");
    expect(runRecordSchema.safeParse(record).success).toBe(true);

    recordPhaseOutcome(record, "03-libraries", entry, "table");
    expect(record.interrupted).toEqual({ "04-architecture": attempt });
    expect(record.schedule).toBe("table");
  });
});
