import { describe, expect, it } from "vitest";
import {
  buildBundle,
  layoutBundle,
  MIN_TRUNCATED_TOKENS,
  truncateText,
} from "../../src/workspace/build-bundle.js";
import { buildBundleCandidates } from "../../src/workspace/build-bundle-candidates.js";
import { estimateTokens } from "../../src/workspace/estimate-tokens.js";
import { renderBundleForPrompt } from "../../src/workspace/render-bundle-for-prompt.js";
import { detectSdkLanguage, withCheckoutLayout } from "../../src/workspace/sdk-language-profiles.js";
import type { WorkspaceFile } from "../../src/workspace/workspace-files.js";
import { SEED_BUNDLE_PLAN } from "./seed-bundle-plan.js";

const file = (viewPath: string, bytes = 350): WorkspaceFile => ({
  viewPath,
  absolute: `/abs/${viewPath}`,
  bytes,
  root: viewPath.startsWith("../spec/")
    ? "spec"
    : viewPath.startsWith("../typescript-sdk/")
      ? "reference"
      : "sdk",
});
const candidate = (viewPath: string, bytes: number) => ({
  item: "x",
  viewPath,
  absolute: `/abs/${viewPath}`,
  bytes,
});

describe("estimateTokens", () => {
  it("is bytes / 3.5 rounded up", () => {
    expect(estimateTokens(0)).toBe(0);
    expect(estimateTokens(7)).toBe(2);
    expect(estimateTokens(8)).toBe(3);
  });
});

describe("layoutBundle", () => {
  it("includes files in order while they fit", () => {
    const slots = layoutBundle([candidate("a", 350), candidate("b", 350)], 1000);
    expect(slots.map((slot) => slot.status)).toEqual(["included", "included"]);
  });

  it("truncates the first file that does not fit and omits everything after it", () => {
    // 100 + 1000 tokens against a budget of 600: a keeps 100, b is cut to 500, c (small) is still omitted.
    const slots = layoutBundle([candidate("a", 350), candidate("b", 3500), candidate("c", 35)], 600);
    expect(slots.map((slot) => [slot.candidate.viewPath, slot.status, slot.keepTokens])).toEqual([
      ["a", "included", 100],
      ["b", "truncated", 500],
      ["c", "omitted", 0],
    ]);
  });

  it("omits rather than truncates when less than the minimum would remain", () => {
    const slots = layoutBundle([candidate("a", 3500), candidate("b", 3500)], 1000 + MIN_TRUNCATED_TOKENS - 1);
    expect(slots.map((slot) => slot.status)).toEqual(["included", "omitted"]);
  });
});

describe("truncateText", () => {
  it("keeps whole lines within the token budget", () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i} of the file`).join("\n");
    const cut = truncateText(text, 20);
    expect(cut.total).toBe(100);
    expect(cut.sent).toBeGreaterThan(0);
    expect(cut.sent).toBeLessThan(100);
    expect(cut.text.endsWith("\n")).toBe(true);
    expect(Buffer.byteLength(cut.text)).toBeLessThanOrEqual(70);
    expect(text.startsWith(cut.text)).toBe(true);
  });
  it("returns short texts whole", () => {
    expect(truncateText("a\nb\n", 100)).toEqual({ text: "a\nb\n", sent: 2, total: 2 });
  });
});

describe("buildBundleCandidates", () => {
  const drafts = {
    current: {
      absolute: "/abs/c",
      viewPath: "../spec/docs/draft-arcp-1.1.md",
      version: "1.1",
      title: "t",
      sections: [],
    },
    previous: undefined,
  };
  const pythonFiles = [
    file("../spec/docs/draft-arcp-1.1.md"),
    file("../typescript-sdk/README.md"),
    file("../typescript-sdk/CONFORMANCE.md"),
    file("../typescript-sdk/examples/README.md"),
    file("../typescript-sdk/examples/a/main.ts"),
    file("../typescript-sdk/packages/middleware/node/src/index.ts"),
    file("CONFORMANCE.md"),
    file("README.md"),
    file("pyproject.toml"),
    file("src/arcp/b.py"),
    file("src/arcp/a.py"),
    file("tests/test_a.py"),
    file("docs/guide.md"),
  ].sort((a, b) => (a.viewPath < b.viewPath ? -1 : 1));

  it("follows the bootstrap's reading order and reports missing items", () => {
    const { candidates, missing } = buildBundleCandidates({
      plan: SEED_BUNDLE_PLAN,
      files: pythonFiles,
      drafts,
      profile: detectSdkLanguage(["pyproject.toml"]),
    });
    expect(candidates.map((c) => c.viewPath)).toEqual([
      "../spec/docs/draft-arcp-1.1.md",
      "../typescript-sdk/README.md",
      "../typescript-sdk/CONFORMANCE.md",
      "../typescript-sdk/examples/README.md",
      "../typescript-sdk/packages/middleware/node/src/index.ts",
      "CONFORMANCE.md",
      "README.md",
      "pyproject.toml",
      "src/arcp/a.py",
      "src/arcp/b.py",
      "tests/test_a.py",
    ]);
    expect(missing.map((m) => m.item)).toEqual(["PLAN.md", "spec draft of the previous version"]);
  });

  it("serves a Rust SDK through its manifest and source folders", () => {
    const files = [
      file("Cargo.toml"),
      file("crates/arcp-core/src/lib.rs"),
      file("src/lib.rs"),
      file("tests/it.rs"),
    ];
    const { candidates, missing } = buildBundleCandidates({
      plan: SEED_BUNDLE_PLAN,
      files,
      drafts: { error: "no drafts" },
      profile: detectSdkLanguage(["Cargo.toml", "README.md"]),
    });
    expect(candidates.map((c) => [c.item, c.viewPath])).toEqual([
      ["sdk-manifest", "Cargo.toml"],
      ["sdk-sources", "crates/arcp-core/src/lib.rs"],
      ["sdk-sources", "src/lib.rs"],
      ["sdk-tests", "tests/it.rs"],
    ]);
    expect(missing.find((m) => m.item === "spec draft of the target version")?.reason).toBe("no drafts");
  });

  it("serves a flat-layout Python SDK: its top-level packages are the sources when there is no src/", () => {
    const files = [
      file("arcp/__init__.py"),
      file("arcp/client.py"),
      file("arcp/wire/envelope.py"),
      file("docs/conf.py"),
      file("pyproject.toml"),
      file("scripts/release.py"),
      file("tests/__init__.py"),
      file("tests/test_client.py"),
    ];
    const { candidates } = buildBundleCandidates({
      plan: SEED_BUNDLE_PLAN,
      files,
      drafts,
      profile: withCheckoutLayout(
        detectSdkLanguage(["pyproject.toml"]),
        files.map((f) => f.viewPath),
      ),
    });
    expect(candidates.map((c) => [c.item, c.viewPath])).toEqual([
      ["sdk-manifest", "pyproject.toml"],
      ["sdk-sources", "arcp/__init__.py"],
      ["sdk-sources", "arcp/client.py"],
      ["sdk-sources", "arcp/wire/envelope.py"],
      ["sdk-tests", "tests/__init__.py"],
      ["sdk-tests", "tests/test_client.py"],
    ]);
  });

  it("keeps src/ as a Python SDK's sources when it exists, packages at the top level or not", () => {
    const paths = ["pyproject.toml", "src/arcp/__init__.py", "tools/__init__.py"];
    expect(withCheckoutLayout(detectSdkLanguage(["pyproject.toml"]), paths)?.sourceFolders).toEqual(["src"]);
    expect(
      withCheckoutLayout(detectSdkLanguage(["pyproject.toml"]), ["pyproject.toml"])?.sourceFolders,
    ).toEqual(["src"]);
    expect(
      withCheckoutLayout(detectSdkLanguage(["Cargo.toml"]), ["Cargo.toml", "x/__init__.py"])?.sourceFolders,
    ).toEqual(["src", "crates"]);
  });

  it("serves a multi-module Gradle SDK: each module's src/main and src/test, example modules left out", () => {
    const files = [
      file("build.gradle.kts"),
      file("settings.gradle.kts"),
      file("cli/src/main/java/dev/arcp/cli/Main.java"),
      file("examples/src/main/java/dev/arcp/examples/Hello.java"),
      file("lib/src/main/java/dev/arcp/Client.java"),
      file("lib/src/test/java/dev/arcp/ClientTest.java"),
    ];
    const profile = withCheckoutLayout(
      detectSdkLanguage(["build.gradle.kts", "settings.gradle.kts"]),
      files.map((f) => f.viewPath),
    );
    expect(profile?.sourceFolders).toEqual(["cli/src/main", "lib/src/main"]);
    const { candidates } = buildBundleCandidates({ plan: SEED_BUNDLE_PLAN, files, drafts, profile });
    expect(candidates.map((c) => [c.item, c.viewPath])).toEqual([
      ["sdk-manifest", "build.gradle.kts"],
      ["sdk-manifest", "settings.gradle.kts"],
      ["sdk-sources", "cli/src/main/java/dev/arcp/cli/Main.java"],
      ["sdk-sources", "lib/src/main/java/dev/arcp/Client.java"],
      ["sdk-tests", "lib/src/test/java/dev/arcp/ClientTest.java"],
    ]);
  });

  it("serves a Go SDK: sources anywhere, _test.go files as tests", () => {
    const files = [
      file("client.go"),
      file("client_test.go"),
      file("go.mod"),
      file("internal/wire/envelope.go"),
    ];
    const { candidates } = buildBundleCandidates({
      plan: SEED_BUNDLE_PLAN,
      files,
      drafts,
      profile: detectSdkLanguage(["go.mod"]),
    });
    expect(candidates.map((c) => [c.item, c.viewPath])).toEqual([
      ["sdk-manifest", "go.mod"],
      ["sdk-sources", "client.go"],
      ["sdk-sources", "internal/wire/envelope.go"],
      ["sdk-tests", "client_test.go"],
    ]);
  });

  it.each([
    [["pom.xml"], "java/kotlin"],
    [["arcp.gemspec", "Gemfile"], "ruby"],
    [["Arcp.sln"], "csharp"],
    [["Package.swift"], "swift"],
    [["setup.py"], "python"],
    [["README.md"], undefined],
  ])("detects the SDK language from %j", (names, language) => {
    expect(detectSdkLanguage(names)?.language).toBe(language);
  });

  it("reports an unrecognised SDK's manifest, sources and tests as missing", () => {
    const { missing } = buildBundleCandidates({
      plan: SEED_BUNDLE_PLAN,
      files: [],
      drafts,
      profile: undefined,
    });
    expect(missing.map((m) => m.item)).toEqual(
      expect.arrayContaining([
        "SDK manifest (pyproject.toml or equivalent)",
        "SDK sources (src/ or equivalent)",
        "SDK tests (tests/ or equivalent)",
      ]),
    );
    expect(missing.find((m) => m.item.startsWith("SDK manifest"))?.reason).toContain("Cargo.toml");
  });
});

describe("buildBundle and renderBundleForPrompt", () => {
  const slots = layoutBundle([candidate("a.md", 35), candidate("b.md", 3500), candidate("c.md", 35)], 300);
  const contents = new Map([
    ["a.md", { text: "alpha\n", sha256: "1" }],
    ["b.md", { text: `${"bravo line\n".repeat(300)}`, sha256: "2" }],
  ]);
  const bundle = buildBundle(slots, contents, [{ item: "PLAN.md", reason: "not found" }], 300, "python");

  it("totals the entries and keeps content only for what is sent", () => {
    expect(bundle.entries.map((e) => e.status)).toEqual(["included", "truncated", "omitted"]);
    expect(bundle.entries[2]!.content).toBeUndefined();
    expect(bundle.totals).toMatchObject({ files: 3, bytes: 3570, included: 1, truncated: 1, omitted: 1 });
    expect(bundle.totals.sentTokens).toBeLessThanOrEqual(300);
    expect(bundle.entries[1]!.lines?.total).toBe(300);
  });

  it("renders each sent file in a delimited block with its view path, then omitted and missing lists", () => {
    const text = renderBundleForPrompt(bundle);
    expect(text).toContain('<workspace-file path="a.md">\nalpha\n</workspace-file>');
    expect(text).toMatch(
      /<workspace-file path="b.md" truncated="first \d+ of 300 lines; read_file for the rest">/,
    );
    expect(text).toContain("c.md (~10 tokens)");
    expect(text).toContain("PLAN.md: not found");
    expect(renderBundleForPrompt(bundle)).toBe(text);
  });
});
