import { rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openWorkspace } from "../../src/pipeline/open-workspace.js";
import { loadBundle } from "../../src/workspace/load-bundle.js";
import { copyFixtureWorkspace, fixtureRoots } from "./copy-fixture-workspace.js";
import { SEED_BUNDLE_PLAN } from "./seed-bundle-plan.js";

describe("loadBundle", () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it("bundles the whole fixture under the default budget in the bootstrap's order", async () => {
    const bundle = await loadBundle(await openWorkspace({ cwd: fixtureRoots.sdk }), {
      plan: SEED_BUNDLE_PLAN,
    });
    expect(bundle.budgetTokens).toBe(120_000);
    expect(bundle.sdkLanguage).toBe("python");
    expect(bundle.missing).toEqual([]);
    expect(bundle.totals.omitted).toBe(0);
    const order = [...new Set(bundle.entries.map((e) => e.item))];
    expect(order).toEqual([
      "spec-current",
      "reference-readme",
      "reference-conformance",
      "reference-examples-readme",
      "reference-middleware",
      "sdk-conformance",
      "sdk-plan",
      "sdk-readme",
      "sdk-manifest",
      "sdk-sources",
      "sdk-tests",
      "spec-previous",
    ]);
    const first = bundle.entries[0]!;
    expect(first.viewPath).toBe("../spec/docs/draft-arcp-1.1.md");
    expect(first.content).toContain("## 6. Sessions");
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Sample plans in planning/ are not part of the reading list.
    expect(bundle.entries.some((e) => e.viewPath.startsWith("planning/"))).toBe(false);
  });

  it("reads a flat-layout Python SDK's top-level package as its sources", async () => {
    const copy = await copyFixtureWorkspace();
    cleanup = copy.cleanup;
    await rename(join(copy.roots.sdk, "src/arcp"), join(copy.roots.sdk, "arcp"));
    await rm(join(copy.roots.sdk, "src"), { recursive: true });
    const bundle = await loadBundle(await openWorkspace({ cwd: copy.roots.sdk }), { plan: SEED_BUNDLE_PLAN });
    const sources = bundle.entries.filter((e) => e.item === "sdk-sources").map((e) => e.viewPath);
    expect(sources).toContain("arcp/client.py");
    expect(sources.every((viewPath) => viewPath.startsWith("arcp/"))).toBe(true);
    expect(bundle.missing).toEqual([]);
  });

  it("is stable: two loads give identical entries", async () => {
    const workspace = await openWorkspace({ cwd: fixtureRoots.sdk });
    const [a, b] = [
      await loadBundle(workspace, { plan: SEED_BUNDLE_PLAN }),
      await loadBundle(workspace, { plan: SEED_BUNDLE_PLAN }),
    ];
    expect(b).toEqual(a);
  });

  it("respects --budget over config and leaves the tail omitted", async () => {
    const workspace = await openWorkspace({ cwd: fixtureRoots.sdk });
    workspace.config = { bundle: { budgetTokens: 50_000 } };
    const bundle = await loadBundle(workspace, { budgetTokens: 4000, plan: SEED_BUNDLE_PLAN });
    expect(bundle.budgetTokens).toBe(4000);
    expect(bundle.totals.sentTokens).toBeLessThanOrEqual(4000);
    expect(bundle.entries.at(-1)!.status).toBe("omitted");
    expect(bundle.entries[0]!.status).toBe("included");
  });

  it("uses config bundle.budgetTokens and bundle.exclude", async () => {
    const workspace = await openWorkspace({ cwd: fixtureRoots.sdk });
    workspace.config = { bundle: { budgetTokens: 2500, exclude: ["tests/**"] } };
    const bundle = await loadBundle(workspace, { plan: SEED_BUNDLE_PLAN });
    expect(bundle.budgetTokens).toBe(2500);
    expect(bundle.entries.some((e) => e.viewPath.startsWith("tests/"))).toBe(false);
    expect(bundle.missing.map((m) => m.item)).toContain("SDK tests (tests/ or equivalent)");
    const spec = bundle.entries[0]!;
    expect(spec.status).toBe("truncated");
    expect(spec.lines!.sent).toBeLessThan(spec.lines!.total);
  });

  it("reports reading-list items the workspace lacks instead of failing", async () => {
    const copy = await copyFixtureWorkspace();
    cleanup = copy.cleanup;
    await rm(join(copy.roots.sdk, "PLAN.md"));
    await rm(join(copy.roots.reference, "examples/README.md"));
    await writeFile(join(copy.roots.sdk, ".gitignore"), "CONFORMANCE.md\n");
    const bundle = await loadBundle(await openWorkspace({ cwd: copy.roots.sdk }), { plan: SEED_BUNDLE_PLAN });
    expect(bundle.missing.map((m) => m.item)).toEqual([
      "../typescript-sdk/examples/README.md",
      "CONFORMANCE.md",
      "PLAN.md",
    ]);
    expect(bundle.entries.length).toBeGreaterThan(10);
  });
});
