import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFiles } from "../../src/cli/commands/lint.js";
import { lintInWorkers } from "../../src/cli/commands/lint-in-workers.js";
import type { LintReport } from "../../src/lint/lint-markdown.js";
import { toMessageData } from "../../src/lint/lint-message.js";
import { resolveWorkspace } from "../../src/workspace/resolve-workspace.js";
import { readWorkspaceFacts } from "../../src/workspace/workspace-facts.js";
import { listWorkspaceFiles } from "../../src/workspace/workspace-files.js";
import { fixtureSdk, lintFixtures } from "./lint-fixture-context.js";

const planDir = join(fixtureSdk, "planning/v1.1");
const fixtureFiles = [
  ...readdirSync(planDir)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => join(planDir, name)),
  ...readdirSync(lintFixtures)
    .sort()
    .flatMap((rule) => ["clean.md", "violating.md"].map((name) => join(lintFixtures, rule, name))),
];

function plain(reports: readonly LintReport[]) {
  return reports.map((report) => ({ ...report, messages: report.messages.map(toMessageData) }));
}

describe("linting on worker threads", () => {
  it("gives the same reports, in file order, as one thread", async () => {
    const workspace = await resolveWorkspace({ cwd: fixtureSdk });
    const signal = new AbortController().signal;
    const texts = await Promise.all(fixtureFiles.map((file) => readFile(file, "utf8")));
    const single = await lintFiles(workspace, fixtureFiles, signal, "never");
    const threaded = await lintInWorkers(workspace, fixtureFiles, texts, signal);
    expect(fixtureFiles.length).toBeGreaterThan(20);
    expect(single.flatMap((report) => report.messages).length).toBeGreaterThan(20);
    expect(plain(threaded)).toEqual(plain(single));
    // Rebuilt messages keep what reporters read: place, severity, fatal.
    const sample = threaded.flatMap((report) => report.messages).find((message) => message.place);
    expect(sample?.fatal).toBe(sample?.severity === "error");
  });

  it("stops when the signal aborts", async () => {
    const workspace = await resolveWorkspace({ cwd: fixtureSdk });
    const controller = new AbortController();
    const texts = await Promise.all(fixtureFiles.map((file) => readFile(file, "utf8")));
    const running = lintInWorkers(workspace, fixtureFiles, texts, controller.signal);
    controller.abort(new Error("stopped by test"));
    await expect(running).rejects.toThrow("stopped by test");
  });
});

describe("workspace facts from the lint listing", () => {
  it("equal the facts from a separate walk, with and without bundle.exclude", async () => {
    const workspace = await resolveWorkspace({ cwd: fixtureSdk });
    const files = await listWorkspaceFiles(workspace.roots);
    expect(await readWorkspaceFacts(workspace, { files })).toEqual(await readWorkspaceFacts(workspace));
    const excluding = {
      ...workspace,
      config: { ...workspace.config, bundle: { exclude: ["src/arcp/client.py", "src/arcp/s*"] } },
    };
    const facts = await readWorkspaceFacts(excluding, { files });
    expect(facts).toEqual(await readWorkspaceFacts(excluding));
    expect(facts.sdkModules).not.toContain("src/arcp/client.py");
  });
});
