import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadFixturePlans } from "../support/fixture-plans.js";
import { PHASE_IDS } from "../support/pipeline-workspace.js";
import { runCli } from "../support/run-cli.js";
import { waitFor } from "../support/wait-for.js";

// Issue 14 item 1: `arcp-plan demo` runs the real pipeline in any folder with no key and no network.

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

async function emptyFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "arcp-plan-demo-test-"));
  made.push(dir);
  return dir;
}

describe("arcp-plan demo", () => {
  it("with no key, writes the ten plans, repairs one, records the run and says the answers are canned", async () => {
    const cwd = await emptyFolder();
    const result = await runCli(["demo", "--out", "sample"], { cwd, env: { PATH: process.env.PATH ?? "" } });

    expect(result.code, result.stderr).toBe(0);
    const planDir = join(cwd, "sample/python-sdk/planning/v1.1");
    const plans = await loadFixturePlans();
    expect((await readdir(planDir)).sort()).toEqual(PHASE_IDS.map((id) => `${id}.md`));
    for (const id of PHASE_IDS) expect(await readFile(join(planDir, `${id}.md`), "utf8")).toBe(plans.get(id));

    const record = JSON.parse(
      await readFile(join(cwd, "sample/python-sdk/planning/.arcp-plan/v1.1/run-record.json"), "utf8"),
    ) as { phases: Record<string, { state: string; repairRounds: number; lint: { errors: number } }> };
    for (const id of PHASE_IDS) expect(record.phases[id]?.state).toBe("done");
    expect(record.phases["05-middleware"]).toMatchObject({ repairRounds: 1, lint: { errors: 0 } });

    expect(result.stderr).toMatch(/answers with canned plans/);
    expect(result.stderr).toMatch(/no request leaves this machine/);
    expect(result.stderr).toMatch(/05-middleware: lint: [1-9]\d* error\(s\)/);
    expect(result.stderr).toMatch(/05-middleware: lint after repair 1: 0 error\(s\)/);
    expect(result.stderr).toMatch(/02-current-audit: tool read_file: src\/arcp\/errors\.py/);
    expect(result.stdout).toMatch(/cost: \$0\.\d{4}/);
    expect(result.stdout).toMatch(/those answers were canned .*nothing left this machine/);
    expect(result.stdout).toContain(
      "run record in sample/python-sdk/planning/.arcp-plan/v1.1/run-record.json",
    );

    // The workspace the demo leaves is a normal one: status and lint agree the plans are good.
    const status = await runCli(["status"], { cwd: join(cwd, "sample/python-sdk") });
    expect(status.code, status.stdout).toBe(0);
    const lint = await runCli(["lint"], { cwd: join(cwd, "sample/python-sdk") });
    expect(lint.code, lint.stdout).toBe(0);
  }, 120_000);

  it("ignores the user's own key and base URL", async () => {
    const cwd = await emptyFolder();
    const result = await runCli(["demo", "--progress", "none"], {
      cwd,
      // A base URL nothing listens on: the demo must not send anything there.
      env: {
        PATH: process.env.PATH ?? "",
        ANTHROPIC_API_KEY: "sk-ant-users-own",
        ANTHROPIC_BASE_URL: "http://127.0.0.1:9",
      },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(await readdir(join(cwd, "arcp-plan-demo/python-sdk/planning/v1.1"))).toHaveLength(10);
    expect(`${result.stdout}${result.stderr}`).not.toContain("sk-ant-users-own");
  }, 120_000);

  it("stopped by Ctrl-C: exit 130, the finished plan kept, and it still says the answers were canned", async () => {
    const cwd = await emptyFolder();
    let child: ChildProcess | undefined;
    const running = runCli(["demo"], { cwd, onSpawn: (spawned) => (child = spawned) });
    const first = join(cwd, "arcp-plan-demo/python-sdk/planning/v1.1/01-spec-delta.md");
    const record = join(cwd, "arcp-plan-demo/python-sdk/planning/.arcp-plan/v1.1/run-record.json");
    // The run record, not the plan file: the fixture copy holds the sample plans for a moment.
    await waitFor(
      "phase 01 in the run record",
      async () => existsSync(record) && (await readFile(record, "utf8")).includes('"01-spec-delta"'),
      60_000,
    );
    child!.kill("SIGINT");
    const result = await running;

    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/the answers so far were canned .*nothing left this machine/);
    expect(await readFile(first, "utf8")).toBe((await loadFixturePlans()).get("01-spec-delta"));
  }, 120_000);

  it("refuses a folder that is not empty: exit 2, nothing touched", async () => {
    const cwd = await emptyFolder();
    await writeFile(join(cwd, "notes.txt"), "mine\n");
    const result = await runCli(["demo", "--out", "."], { cwd });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\. already exists and is not an empty folder/);
    expect(result.stderr).toContain("--out");
    expect(await readdir(cwd)).toEqual(["notes.txt"]);
  });
});
