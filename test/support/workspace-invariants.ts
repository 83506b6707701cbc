import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";
import { type RunRecord, runRecordSchema } from "../../src/pipeline/run-record.js";
import type { PipelineWorkspace } from "./pipeline-workspace.js";

/**
 * Checks shared by the reliability suite: what a run may leave behind, read back through the same
 * schema the tool uses, so "consistent" means "the tool itself would trust it".
 */

/** `write-file-atomically.ts` names its temp files `.<name>.<pid>.<random>.tmp` beside the target. */
const TEMP_FILE = /(^|\/)\.[^/]+\.\d+\.[0-9a-f]+\.tmp$/;

/** Temp files and the run lock anywhere under the workspace copy: none may outlive a run. */
export async function leftovers(workspace: PipelineWorkspace): Promise<string[]> {
  const files = await workspace.listFiles();
  return files.filter(
    (file) => TEMP_FILE.test(file) || file.endsWith(".tmp") || file.endsWith(".arcp-plan/lock"),
  );
}

/** The run record parsed with the tool's own schema (throws when it would not be trusted). */
export async function readValidRecord(workspace: PipelineWorkspace): Promise<RunRecord> {
  const text = await readFile(join(workspace.stateDir, "run-record.json"), "utf8");
  return runRecordSchema.parse(JSON.parse(text));
}

/** The record's state per phase; {} when there is no record yet. It must validate when present. */
export async function recordedStates(workspace: PipelineWorkspace): Promise<Record<string, string>> {
  let record: RunRecord;
  try {
    record = await readValidRecord(workspace);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  return Object.fromEntries(Object.entries(record.phases).map(([id, entry]) => [id, entry.state]));
}

/** Every file of the workspace copy with the sha256 of its bytes, to prove a command changed nothing. */
export async function snapshotFiles(workspace: PipelineWorkspace): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await workspace.listFiles()) {
    out[file] = createHash("sha256")
      .update(await readFile(join(workspace.root, file)))
      .digest("hex");
  }
  return out;
}

/** Puts plans in the output folder, as a previous run (or a hand edit) would have left them. */
export async function seedPlans(
  workspace: PipelineWorkspace,
  plans: ReadonlyMap<string, string>,
): Promise<void> {
  await mkdir(workspace.outDir, { recursive: true });
  for (const [id, text] of plans) await writeFile(join(workspace.outDir, `${id}.md`), text);
}

/** Writes `arcp-plan.config.json` in the SDK checkout (the CLI's cwd). */
export async function writeWorkspaceConfig(workspace: PipelineWorkspace, config: unknown): Promise<void> {
  await writeFile(join(workspace.sdk, "arcp-plan.config.json"), `${JSON.stringify(config, null, 2)}\n`);
}

/** Asserts the finished plans on disk are exactly the given texts. */
export async function expectPlans(
  workspace: PipelineWorkspace,
  expected: ReadonlyMap<string, string>,
  ids: readonly string[],
): Promise<void> {
  for (const id of ids) expect(await workspace.readPlan(id), `plan ${id}`).toBe(expected.get(id));
}
