import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../support/run-cli.js";

export const fixtureWorkspace = join(repoRoot, "fixtures/workspace");
export const fixtureRoots = {
  sdk: join(fixtureWorkspace, "python-sdk"),
  spec: join(fixtureWorkspace, "spec"),
  reference: join(fixtureWorkspace, "typescript-sdk"),
};

/**
 * A disposable copy of the fixture workspace, for tests that add ignored files, binaries, lock files
 * or build output (git never commits those, so they cannot live in the fixture itself).
 */
export async function copyFixtureWorkspace(): Promise<{
  dir: string;
  roots: typeof fixtureRoots;
  cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), "arcp-plan-ws-"));
  await cp(fixtureWorkspace, dir, { recursive: true });
  return {
    dir,
    roots: { sdk: join(dir, "python-sdk"), spec: join(dir, "spec"), reference: join(dir, "typescript-sdk") },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
