import { describe, expect, it } from "vitest";
import type { ReadingItem } from "../../src/pipeline/bootstrap/compiled-bootstrap.js";
import { loadProgramBundle } from "../../src/pipeline/load-program-bundle.js";
import { openWorkspace } from "../../src/pipeline/open-workspace.js";
import { readingListBundlePlan } from "../../src/pipeline/reading-list-bundle-plan.js";
import { fixtureRoots } from "../workspace/copy-fixture-workspace.js";

const list = (...paths: string[]): ReadingItem[] => paths.map((path, line) => ({ group: "", path, line }));

describe("readingListBundlePlan", () => {
  it("follows the list: draft, reference files and folders, SDK files, then the SDK's code where first named", () => {
    const plan = readingListBundlePlan(
      list(
        "../spec/docs/draft-gizmo-renamed.md",
        "../typescript-sdk/README.md",
        "../typescript-sdk/packages/middleware/",
        "./",
        "CONFORMANCE.md",
        "build.gradle.kts",
        "settings.gradle.kts",
        "src/",
        "samples/",
        "../elsewhere/NOTES.md",
      ),
    );
    expect(plan.map((item) => item.id)).toEqual([
      "spec-current",
      "../typescript-sdk/README.md",
      "../typescript-sdk/packages/middleware/",
      "CONFORMANCE.md",
      "sdk-manifest",
      "sdk-sources",
      "sdk-tests",
      // Named by the list but not a source or test folder: after the code, before the old draft.
      "samples/",
      "spec-previous",
    ]);
    expect(plan[2]).toMatchObject({ kind: "folder", root: "reference", path: "packages/middleware" });
    expect(plan[7]).toMatchObject({ kind: "folder", root: "sdk", path: "samples" });
  });

  it("a list that names no SDK code still gets it; an empty list gets the draft and the code", () => {
    expect(readingListBundlePlan(list("../spec/docs/d.md")).map((item) => item.id)).toEqual([
      "spec-current",
      "sdk-manifest",
      "sdk-sources",
      "sdk-tests",
      "spec-previous",
    ]);
    expect(readingListBundlePlan([]).map((item) => item.id)).toEqual([
      "spec-current",
      "sdk-manifest",
      "sdk-sources",
      "sdk-tests",
      "spec-previous",
    ]);
  });

  it("on the fixture, the seed's list bundles the whole workspace with nothing missing", async () => {
    const bundle = await loadProgramBundle(await openWorkspace({ cwd: fixtureRoots.sdk }));
    expect(bundle.missing).toEqual([]);
    expect(bundle.totals.omitted).toBe(0);
    expect([...new Set(bundle.entries.map((entry) => entry.item))]).toEqual([
      "spec-current",
      "../typescript-sdk/README.md",
      "../typescript-sdk/CONFORMANCE.md",
      "../typescript-sdk/examples/README.md",
      "../typescript-sdk/packages/middleware/",
      "CONFORMANCE.md",
      "PLAN.md",
      "README.md",
      "sdk-manifest",
      "sdk-sources",
      "sdk-tests",
      "spec-previous",
    ]);
  });
});
