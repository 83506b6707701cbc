import { execFileSync, spawnSync } from "node:child_process";
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../support/run-cli.js";

interface WorkflowStep {
  name?: string;
  run?: string;
  "working-directory"?: string;
}

/** The README's GitHub Actions workflow (the yaml block of "In CI"), parsed. */
async function readmeWorkflowSteps(): Promise<WorkflowStep[]> {
  const readme = await readFile(join(repoRoot, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### In CI"));
  const block = /```yaml\n([\s\S]*?)\n```/.exec(section)?.[1];
  if (block === undefined) throw new Error("no yaml block under '### In CI' in README.md");
  const workflow = parse(block) as { jobs: Record<string, { steps: WorkflowStep[] }> };
  return Object.values(workflow.jobs).flatMap((job) => job.steps);
}

/**
 * What a checkout of this repository holds: the files git tracks (with their executable bit, as git
 * records it) plus new files not yet committed, so the test also covers work in progress.
 */
async function copyCheckout(target: string): Promise<void> {
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: repoRoot, encoding: "utf8" })
      .split("\0")
      .filter((entry) => entry !== "");
  const executable = new Set(
    git("ls-files", "-s", "-z").flatMap((entry) => {
      const [meta = "", file = ""] = entry.split("\t");
      return meta.startsWith("100755") ? [file] : [];
    }),
  );
  for (const file of git("ls-files", "-z", "--cached", "--others", "--exclude-standard")) {
    await mkdir(dirname(join(target, file)), { recursive: true });
    try {
      await copyFile(join(repoRoot, file), join(target, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue; // deleted, not yet committed
      throw error;
    }
    await chmod(join(target, file), executable.has(file) ? 0o755 : 0o644);
  }
}

/** Runs a command in bash as a runner would: `bash -e` with the given PATH and cwd. */
function shell(command: string, cwd: string, env: NodeJS.ProcessEnv) {
  return spawnSync("bash", ["-e", "-c", command], { cwd, env, encoding: "utf8" });
}

/**
 * The README's CI recipe, run the way GitHub Actions runs it: the install step in a checkout of this
 * repository named `arcp-plan` with `GITHUB_PATH` pointing at a file, then a later step in another
 * folder, in a new shell whose PATH is extended from that file. Slow (a real `npm ci`), so one test.
 */
describe("the README's GitHub Actions recipe", () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "arcp-plan-ci-recipe-"));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("puts arcp-plan on PATH for the next step, which runs it from another folder", async () => {
    const install = (await readmeWorkflowSteps()).find((step) => step.name === "Install arcp-plan");
    expect(install?.run, "an 'Install arcp-plan' step with a run command").toBeDefined();
    expect(install?.["working-directory"]).toBe("arcp-plan");

    const checkout = join(work, install!["working-directory"]!);
    await copyCheckout(checkout);

    // A runner's PATH with setup-node's node on it and nothing called arcp-plan.
    const nodeBin = join(work, "node-bin");
    await mkdir(nodeBin);
    await symlink(process.execPath, join(nodeBin, "node"));
    const basePath = [nodeBin, "/usr/bin", "/bin"].join(":");
    const runnerEnv = { HOME: process.env.HOME ?? work, TMPDIR: tmpdir() };
    const elsewhere = join(work, "python-sdk");
    await mkdir(elsewhere);
    const before = shell("arcp-plan --version", elsewhere, { ...runnerEnv, PATH: basePath });
    expect(before.status, "arcp-plan must not be on the runner's PATH before the step").toBe(127);

    const githubPath = join(work, "github_path");
    await writeFile(githubPath, "");
    const step = shell(install!.run!, checkout, {
      ...runnerEnv,
      // npm needs its own bin folder, which setup-node puts on PATH beside node.
      PATH: `${dirname(process.execPath)}:${basePath}`,
      GITHUB_PATH: githubPath,
      npm_config_prefer_offline: "true",
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_update_notifier: "false",
    });
    expect(step.status, step.stderr).toBe(0);

    // Actions prepends each line of GITHUB_PATH to PATH for the steps after this one.
    const added = (await readFile(githubPath, "utf8")).split("\n").filter((line) => line !== "");
    expect(added.length).toBeGreaterThan(0);
    const after = shell("arcp-plan --version", elsewhere, {
      ...runnerEnv,
      PATH: [...added.reverse(), basePath].join(":"),
    });
    const { version } = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as {
      version: string;
    };
    expect(after.stderr).toBe("");
    expect(after.status).toBe(0);
    expect(after.stdout.trim()).toBe(version);
  }, 240_000);
});
