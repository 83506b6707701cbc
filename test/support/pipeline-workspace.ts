import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { RunRecord } from "../../src/pipeline/run-record.js";
import type { FakeAnthropicServer } from "./fake-anthropic-server.js";
import { type CliResult, type RunCliOptions, repoRoot, runCli } from "./run-cli.js";

/** A key nobody would type by accident: e2e tests search every output for it. */
export const FAKE_API_KEY = "sk-ant-e2e-FAKE-7f3a9c1d-do-not-leak";

export const PHASE_IDS = [
  "01-spec-delta",
  "02-current-audit",
  "03-libraries",
  "04-architecture",
  "05-middleware",
  "06-examples",
  "07-tests",
  "08-docs-readme",
  "09-diagrams",
  "10-synthesis",
] as const;
export const FAN_OUT_IDS: readonly string[] = PHASE_IDS.slice(2, 9);

export interface PipelineWorkspace {
  /** The temp copy of `fixtures/workspace` (holds spec/, typescript-sdk/, python-sdk/). */
  root: string;
  /** The SDK checkout: the CLI's cwd. */
  sdk: string;
  /** `planning/v1.1` inside the SDK checkout. */
  outDir: string;
  /** `planning/.arcp-plan/v1.1`: run record, transcripts, lock. */
  stateDir: string;
  /**
   * Spawns the built CLI in the SDK checkout. With a server, the env carries the fake key and the
   * server's URL; `env` entries are added on top (an `undefined` value removes a variable).
   */
  run(args: string[], options?: WorkspaceRunOptions): Promise<CliResult>;
  readPlan(phaseId: string): Promise<string>;
  readRecord(): Promise<RunRecord>;
  /** Every file under the workspace copy, relative to `root`. */
  listFiles(): Promise<string[]>;
  cleanup(): Promise<void>;
}

export interface WorkspaceRunOptions extends Pick<RunCliOptions, "onSpawn"> {
  server?: FakeAnthropicServer;
  env?: NodeJS.ProcessEnv;
}

/**
 * A disposable copy of the fixture workspace with `planning/` removed, so a run starts from nothing.
 * The fixture's ten plans stay in the repository for `loadFixturePlans`.
 */
export async function createPipelineWorkspace(): Promise<PipelineWorkspace> {
  const root = await mkdtemp(join(tmpdir(), "arcp-plan-e2e-"));
  await cp(join(repoRoot, "fixtures/workspace"), root, { recursive: true });
  const sdk = join(root, "python-sdk");
  await rm(join(sdk, "planning"), { recursive: true, force: true });
  const outDir = join(sdk, "planning/v1.1");
  const stateDir = join(sdk, "planning/.arcp-plan/v1.1");

  return {
    root,
    sdk,
    outDir,
    stateDir,
    run(args, options = {}) {
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? "" };
      if (options.server) {
        env.ANTHROPIC_API_KEY = FAKE_API_KEY;
        env.ANTHROPIC_BASE_URL = options.server.url;
      }
      for (const [name, value] of Object.entries(options.env ?? {})) {
        if (value === undefined) delete env[name];
        else env[name] = value;
      }
      return runCli(args, { cwd: sdk, env, ...(options.onSpawn ? { onSpawn: options.onSpawn } : {}) });
    },
    readPlan: (phaseId) => readFile(join(outDir, `${phaseId}.md`), "utf8"),
    readRecord: async () =>
      JSON.parse(await readFile(join(stateDir, "run-record.json"), "utf8")) as RunRecord,
    listFiles: async () => {
      const entries = await readdir(root, { recursive: true, withFileTypes: true });
      return entries
        .filter((entry) => entry.isFile())
        .map((entry) => relative(root, join(entry.parentPath, entry.name)))
        .sort();
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
