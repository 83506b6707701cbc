import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LintReport } from "../../src/lint/lint-markdown.js";
import type { LintMessage } from "../../src/lint/lint-message.js";
import { LINT_CACHE_FILE } from "../../src/pipeline/lint-cache.js";
import { lintPlanFiles } from "../../src/pipeline/lint-plan-files.js";
import { openWorkspace } from "../../src/pipeline/open-workspace.js";
import { repoRoot, runCli } from "../support/run-cli.js";
import { copyFixtureWorkspace } from "../workspace/copy-fixture-workspace.js";

let copy: Awaited<ReturnType<typeof copyFixtureWorkspace>>;
let sdk: string;
let plans: string;
let cacheFile: string;
const signal = new AbortController().signal;

beforeEach(async () => {
  copy = await copyFixtureWorkspace();
  sdk = copy.roots.sdk;
  plans = join(sdk, "planning/v1.1");
  cacheFile = join(sdk, "planning/.arcp-plan/v1.1", LINT_CACHE_FILE);
  await rm(join(sdk, "planning/.arcp-plan"), { recursive: true, force: true });
});
afterEach(async () => {
  await copy.cleanup();
});

/** Everything a message carries but the stack (which only says where it was created). */
function plain(reports: readonly LintReport[]) {
  return reports.map(({ messages, ...rest }) => ({
    ...rest,
    messages: messages.map((message: LintMessage) => {
      const { stack: _stack, ...fields } = message;
      return { ...fields };
    }),
  }));
}

/**
 * Lints `files` (default: every plan) through the cache, then without it, and checks they agree: a
 * cache that served a stale report after an input changed fails here.
 */
async function lintBothWays(files?: readonly string[]): Promise<LintReport[]> {
  const cached = await lintCached(files);
  const workspace = await openWorkspace({ cwd: sdk });
  const fresh = await lintPlanFiles(workspace, files ?? (await planFiles()), { signal });
  expect(plain(cached)).toEqual(plain(fresh.reports));
  return cached;
}

async function lintCached(files?: readonly string[]): Promise<LintReport[]> {
  const workspace = await openWorkspace({ cwd: sdk });
  const result = await lintPlanFiles(workspace, files ?? (await planFiles()), { signal, cache: true });
  expect(result.cacheProblem).toBeUndefined();
  return result.reports;
}

async function planFiles(): Promise<string[]> {
  return (await readdir(plans))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => join(plans, name));
}

/**
 * Rewrites the cache's data as if an earlier lint had found `words: 4242` in every plan, keeping the
 * checksum valid: a lint that reports 4242 words for a plan answered it from the cache.
 */
async function markCachedReports(): Promise<void> {
  const [header, data] = (await readFile(cacheFile, "utf8")).split("\n") as [string, string];
  const parsed = JSON.parse(data) as { plans: Record<string, { report: { words: number } }> };
  for (const entry of Object.values(parsed.plans)) entry.report.words = 4242;
  const text = JSON.stringify(parsed);
  const sha256 = createHash("sha256").update(text).digest("hex");
  await writeFile(cacheFile, `${JSON.stringify({ ...JSON.parse(header), sha256 })}\n${text}\n`);
}

const fromCache = (reports: readonly LintReport[]) => reports.map((report) => report.words === 4242);
const rules = (report: LintReport | undefined) => report?.messages.map((message) => message.ruleId) ?? [];

describe("the lint cache", () => {
  it("answers a re-lint of unchanged plans with the reports of the first lint", async () => {
    // A plan that is no phase's output sits beside them: its headings are cached too.
    await writeFile(join(plans, "notes.md"), "# Notes\n\n## On sessions\n\nSee `src/arcp/session.py`.\n");
    const first = await lintBothWays();
    expect(first.length).toBe(11);
    const written = await readFile(cacheFile, "utf8");
    const second = await lintBothWays();
    expect(plain(second)).toEqual(plain(first));
    // Nothing new to write: no report, and no plan's headings, had to be worked out again.
    expect(await readFile(cacheFile, "utf8")).toBe(written);
    await markCachedReports();
    expect(fromCache(await lintCached())).toEqual(Array(11).fill(true));
  });

  it("keeps every field of a message, for every reporter, across the cache", async () => {
    const plan = join(plans, "notes.md");
    await writeFile(
      plan,
      "# Notes\n\nA robust and modern adapter in `src/arcp/nothing.py` simply follows §42.\n\n- just this\n",
    );
    const [first] = await lintBothWays([plan]);
    expect(first!.messages.length).toBeGreaterThan(2);
    const [again] = await lintBothWays([plan]);
    expect(plain([again!])).toEqual(plain([first!]));
    expect(again!.messages.every((message) => message instanceof Error)).toBe(true);
  });

  it("re-lints a plan whose text changed, and only that plan", async () => {
    await lintBothWays();
    await markCachedReports();
    const audit = join(plans, "02-current-audit.md");
    await writeFile(audit, `${await readFile(audit, "utf8")}\nA robust fallback stays.\n`);
    const reports = await lintCached();
    expect(rules(reports[1])).toContain("banned-words");
    // The others are answered from the cache unless the audit's headings, which they resolve
    // references against, changed: a paragraph added at the end changes none.
    expect(fromCache(reports)).toEqual([true, false, true, true, true, true, true, true, true, true]);
  });

  it("re-lints when a cited file's content changes (line anchors are checked against it)", async () => {
    const plan = join(plans, "notes.md");
    await writeFile(plan, "# Notes\n\nThe budget check sits at `src/arcp/runtime.py:25` today.\n");
    expect(rules((await lintBothWays([plan]))[0])).not.toContain("paths-resolve");
    await markCachedReports();
    await writeFile(join(sdk, "src/arcp/runtime.py"), "# shortened to three lines\n\n\n");
    const [report] = await lintBothWays([plan]);
    expect(report!.words).not.toBe(4242);
    expect(rules(report)).toContain("paths-resolve");
  });

  it("re-lints when a cited file appears (the workspace file list is part of the key)", async () => {
    const plan = join(plans, "notes.md");
    await writeFile(plan, "# Notes\n\nFlow control mirrors `../typescript-sdk/packages/core/src/flow.ts`.\n");
    expect(rules((await lintBothWays([plan]))[0])).toContain("paths-resolve");
    await writeFile(join(copy.roots.reference, "packages/core/src/flow.ts"), "export const flow = 1;\n");
    expect(rules((await lintBothWays([plan]))[0])).not.toContain("paths-resolve");
  });

  it("re-lints an unchanged plan when a sibling plan's headings change", async () => {
    const audit = join(plans, "02-current-audit.md");
    await writeFile(audit, "# 02\n\n## 1. Status\n\n## 2. Map\n\n## 3. Gap matrix\n");
    const plan = join(plans, "notes.md");
    await writeFile(plan, "# Notes\n\nThe gaps are in `02-current-audit.md` §3, by spec section.\n");
    const files = [plan];
    expect(rules((await lintBothWays(files))[0])).not.toContain("plan-references");
    await writeFile(audit, "# 02\n\n## 1. Status\n\n## 2. Map\n");
    expect(rules((await lintBothWays(files))[0])).toContain("plan-references");
  });

  it("re-lints when a spec draft gains the cited section", async () => {
    const plan = join(plans, "notes.md");
    await writeFile(plan, "# Notes\n\nThe new lease rules follow §13.2 of the draft.\n");
    expect(rules((await lintBothWays([plan]))[0])).toContain("spec-sections");
    const draft = join(copy.roots.spec, "docs/draft-arcp-1.1.md");
    const text = await readFile(draft, "utf8");
    const appendix = text.indexOf("## Appendix A.");
    await writeFile(
      draft,
      `${text.slice(0, appendix)}## 13. Leases\n\n### 13.2. Renewal\n\nText.\n\n${text.slice(appendix)}`,
    );
    expect(rules((await lintBothWays([plan]))[0])).not.toContain("spec-sections");
  });

  it("re-lints when the config's lint settings change", async () => {
    const plan = join(plans, "notes.md");
    await writeFile(plan, "# Notes\n\nA robust adapter in `src/arcp/transport.py`.\n");
    expect(rules((await lintBothWays([plan]))[0])).toContain("banned-words");
    await writeFile(
      join(sdk, "arcp-plan.config.json"),
      JSON.stringify({ lint: { rules: { "banned-words": "off" } } }),
    );
    expect(rules((await lintBothWays([plan]))[0])).not.toContain("banned-words");
  });

  it("re-lints when a phase's checks change in the override folder", async () => {
    const prompts = join(copy.dir, "prompts");
    await mkdir(prompts);
    await writeFile(join(sdk, "arcp-plan.config.json"), JSON.stringify({ pipeline: { prompts } }));
    const middleware = join(plans, "05-middleware.md");
    await writeFile(
      middleware,
      `${(await readFile(middleware, "utf8")).replaceAll(/traceparent/gi, "trace context")}`,
    );
    const before = await lintBothWays([middleware]);
    expect(before[0]!.messages.map((message) => message.reason).join("\n")).toMatch(/traceparent/);
    const builtin = await readFile(join(repoRoot, "prompts/overrides/05-middleware.md"), "utf8");
    expect(builtin).toContain("'traceparent'");
    await writeFile(
      join(prompts, "05-middleware.md"),
      builtin.replace("'traceparent'", "'trace context'").replace("checks:", "replaceChecks: true\nchecks:"),
    );
    const after = await lintBothWays([middleware]);
    expect(after[0]!.messages.map((message) => message.reason).join("\n")).not.toMatch(/traceparent/);
  });
});

describe("a cache file that is not this linter's", () => {
  const cases: [string, () => Promise<string>][] = [
    ["not JSON", async () => "\u0000\u0001 not a cache\n"],
    ["foreign JSON", async () => `${JSON.stringify({ version: 1, plans: {} })}\n`],
    ["cut short", async () => (await readFile(cacheFile, "utf8")).slice(0, 500)],
    [
      "edited without its checksum",
      async () => (await readFile(cacheFile, "utf8")).replaceAll('"words":', '"words":1'),
    ],
    [
      "written by another build",
      async () => (await readFile(cacheFile, "utf8")).replace(/"program":"[0-9a-f]+"/, '"program":"other"'),
    ],
  ];
  for (const [what, content] of cases) {
    it(`is ignored and rewritten when ${what}`, async () => {
      const first = await lintBothWays();
      await markCachedReports();
      await writeFile(cacheFile, await content());
      const again = await lintBothWays();
      expect(plain(again)).toEqual(plain(first));
      expect(fromCache(again).some(Boolean)).toBe(false);
      await markCachedReports(); // The rewritten cache is whole again.
    });
  }
});

describe("where the cache goes", () => {
  it("does not stop a lint when it cannot be written, and says why", async () => {
    await mkdir(join(sdk, "planning/.arcp-plan"), { recursive: true });
    await writeFile(join(sdk, "planning/.arcp-plan/v1.1"), "a file where the folder should be");
    const workspace = await openWorkspace({ cwd: sdk });
    const cached = await lintPlanFiles(workspace, await planFiles(), { signal, cache: true });
    const fresh = await lintPlanFiles(workspace, await planFiles(), { signal });
    expect(plain(cached.reports)).toEqual(plain(fresh.reports));
    expect(cached.cacheProblem).toMatch(/could not write/);
  });

  it("is not created for loose files when the output folder does not exist", async () => {
    const loose = join(copy.dir, "loose.md");
    await writeFile(loose, "# Loose\n\nA note on `src/arcp/session.py`.\n");
    const workspace = await openWorkspace({ cwd: sdk, out: "elsewhere/v1.1" });
    const result = await lintPlanFiles(workspace, [loose], { signal, cache: true });
    expect(result.reports.length).toBe(1);
    await expect(stat(join(sdk, "elsewhere"))).rejects.toThrow(/ENOENT/);
  });

  it("is written by `arcp-plan lint` and skipped by `--no-cache`, with the same output", async () => {
    const skipped = await runCli(["lint", "--no-cache", "--format", "json"], { cwd: sdk });
    await expect(stat(cacheFile)).rejects.toThrow(/ENOENT/);
    const first = await runCli(["lint", "--format", "json"], { cwd: sdk });
    expect((await stat(cacheFile)).isFile()).toBe(true);
    const second = await runCli(["lint", "--format", "json"], { cwd: sdk });
    for (const result of [first, second]) {
      expect(result.code).toBe(skipped.code);
      expect(result.stdout).toBe(skipped.stdout);
      expect(result.stderr).toBe(skipped.stderr);
    }
  });
});
