import { readdirSync } from "node:fs";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type LintReport, lintDocument } from "../../src/lint/lint-markdown.js";
import { toMessageData } from "../../src/lint/lint-message.js";
import { lintPlanFiles } from "../../src/pipeline/lint-plan-files.js";
import { buildLintContext, loadLintEnvironment } from "../../src/pipeline/load-lint-context.js";
import { openWorkspace } from "../../src/pipeline/open-workspace.js";
import { readWorkspaceFacts } from "../../src/workspace/workspace-facts.js";
import { listWorkspacePaths } from "../../src/workspace/workspace-files.js";
import { copyFixtureWorkspace } from "../workspace/copy-fixture-workspace.js";
import { fixtureSdk, lintFixtures } from "./lint-fixture-context.js";

/** The uncached lint of `files`, as `arcp-plan lint --no-cache` runs it. */
async function lintFiles(
  workspace: Parameters<typeof lintPlanFiles>[0],
  files: readonly string[],
  signal: AbortSignal,
): Promise<LintReport[]> {
  return (await lintPlanFiles(workspace, files, { signal })).reports;
}

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

describe("linting many files at once", () => {
  it("gives, in file order, what linting each file on its own with a freshly loaded context gives", async () => {
    const workspace = await openWorkspace({ cwd: fixtureSdk });
    const signal = new AbortController().signal;
    const together = await lintFiles(workspace, fixtureFiles, signal);
    // Here the sibling plans' headings come from the environment's own reading of the output folder.
    const environment = await loadLintEnvironment(workspace);
    const alone = await Promise.all(
      fixtureFiles.map(async (file) =>
        lintDocument(await readFile(file, "utf8"), buildLintContext(environment, file)),
      ),
    );
    expect(fixtureFiles.length).toBeGreaterThan(20);
    expect(together.flatMap((report) => report.messages).length).toBeGreaterThan(20);
    expect(plain(together)).toEqual(plain(alone));
  });

  it("counts a cited file that is binary by content as existing", async () => {
    const copy = await copyFixtureWorkspace();
    try {
      await mkdir(join(copy.roots.sdk, "docs"), { recursive: true });
      await writeFile(join(copy.roots.sdk, "docs/sample.dat"), new Uint8Array([0x41, 0x00, 0x42]));
      const audit = join(copy.roots.sdk, "planning/v1.1/02-current-audit.md");
      const cited =
        "The wire samples in `docs/sample.dat` and `docs/absent.dat` come from `src/arcp/client.py`.\n";
      await appendFile(audit, `\n${cited}`);
      const workspace = await openWorkspace({ cwd: copy.roots.sdk });
      const [report] = await lintFiles(workspace, [audit], new AbortController().signal);
      const missing = report!.messages.filter((message) => message.ruleId === "paths-resolve");
      expect(missing.map((message) => message.reason)).toEqual([
        expect.stringContaining("`docs/absent.dat`"),
      ]);
    } finally {
      await copy.cleanup();
    }
  });

  it("stops when the signal aborts", async () => {
    const workspace = await openWorkspace({ cwd: fixtureSdk });
    const controller = new AbortController();
    const running = lintFiles(workspace, fixtureFiles, controller.signal);
    controller.abort(new Error("stopped by test"));
    await expect(running).rejects.toThrow("stopped by test");
  });

  it("reports a context that cannot load, after parsing, as that error", async () => {
    const workspace = await openWorkspace({ cwd: fixtureSdk });
    const broken = {
      ...workspace,
      config: { ...workspace.config, lint: { rules: { "no-such-rule": "error" } } },
    };
    await expect(
      lintFiles(broken as typeof workspace, fixtureFiles, new AbortController().signal),
    ).rejects.toThrow(/lint section/);
  });
});

describe("workspace facts from the lint listing", () => {
  it("equal the facts from a separate walk, with and without bundle.exclude", async () => {
    const workspace = await openWorkspace({ cwd: fixtureSdk });
    const files = await listWorkspacePaths(workspace.roots);
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
