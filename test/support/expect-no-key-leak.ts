import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";
import type { PipelineWorkspace } from "./pipeline-workspace.js";
import { FAKE_API_KEY } from "./pipeline-workspace.js";
import type { CliResult } from "./run-cli.js";

/** Asserts the fake key is in no file of the workspace copy (run record, transcripts included) and no output. */
export async function expectNoKeyLeak(
  workspace: PipelineWorkspace,
  results: readonly CliResult[],
): Promise<void> {
  const files = await workspace.listFiles();
  const leaking = [];
  for (const file of files) {
    const content = await readFile(join(workspace.root, file));
    if (content.includes(FAKE_API_KEY)) leaking.push(file);
  }
  expect(leaking).toEqual([]);
  for (const result of results) {
    expect(result.stdout).not.toContain(FAKE_API_KEY);
    expect(result.stderr).not.toContain(FAKE_API_KEY);
  }
}
