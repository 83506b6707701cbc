import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  isBinaryContent,
  listWorkspaceFiles,
  listWorkspacePaths,
} from "../../src/workspace/workspace-files.js";
import { copyFixtureWorkspace, fixtureRoots } from "./copy-fixture-workspace.js";

describe("isBinaryContent", () => {
  it("treats NUL bytes and invalid UTF-8 as binary", () => {
    expect(isBinaryContent(new Uint8Array([0x68, 0x00, 0x69]))).toBe(true);
    expect(isBinaryContent(new Uint8Array([0xff, 0xfe, 0x41]))).toBe(true);
  });
  it("accepts UTF-8 text, including a character cut at the end of the sniffed head", () => {
    expect(isBinaryContent(new TextEncoder().encode("plain ascii\n§ 6.4 — naïve"))).toBe(false);
    const euro = new TextEncoder().encode("€");
    expect(isBinaryContent(euro.subarray(0, 2))).toBe(false);
    expect(isBinaryContent(new Uint8Array())).toBe(false);
  });
});

describe("listWorkspaceFiles", () => {
  let copy: Awaited<ReturnType<typeof copyFixtureWorkspace>>;
  beforeAll(async () => {
    copy = await copyFixtureWorkspace();
    const { sdk, reference } = copy.roots;
    const put = async (path: string, content: string | Uint8Array) => {
      await mkdir(join(path, ".."), { recursive: true });
      await writeFile(path, content);
    };
    await put(join(reference, "node_modules/dep/index.js"), "module.exports = 1;\n");
    await put(join(reference, "package-lock.json"), "{}\n");
    await put(join(reference, "packages/core/dist/index.js"), "export {};\n");
    await put(join(sdk, "uv.lock"), "version = 1\n");
    await put(join(sdk, "build/lib/arcp/__init__.py"), "\n");
    await put(join(sdk, "arcp.egg-info/PKG-INFO"), "Name: arcp\n");
    await put(join(sdk, ".venv/bin/python"), "#!/bin/sh\n");
    await put(join(sdk, "src/arcp/__pycache__/client.cpython-312.pyc"), new Uint8Array([1, 2, 0, 3]));
    await put(join(sdk, "docs/logo.png"), "not really a png but named like one\n");
    await put(join(sdk, "docs/blob.dat"), new Uint8Array([0x41, 0x00, 0x42]));
    await put(join(sdk, "docs/latin1.txt"), new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    await put(join(sdk, "docs/guide.md"), "# Guide\n");
    // Nested .gitignore: applies relative to its own folder.
    await put(join(sdk, "docs/.gitignore"), "drafts/\n*.tmp\n");
    await put(join(sdk, "docs/drafts/idea.md"), "ignored\n");
    await put(join(sdk, "docs/scratch.tmp"), "ignored\n");
    await put(join(sdk, "scratch.tmp"), "not ignored: the nested rule does not reach the parent\n");
    await put(join(copy.dir, "outside.txt"), "outside the roots\n");
    await symlink(join(copy.dir, "outside.txt"), join(sdk, "escape.txt"));
    await symlink(join(sdk, "README.md"), join(sdk, "readme-link.md"));
  });
  afterAll(async () => {
    await copy.cleanup();
  });

  it("lists text files of all three roots in view-path order", async () => {
    const files = await listWorkspaceFiles(copy.roots);
    const paths = files.map((file) => file.viewPath);
    expect(paths).toEqual([...paths].sort((a, b) => (a < b ? -1 : 1)));
    expect(paths).toContain("../spec/docs/draft-arcp-1.1.md");
    expect(paths).toContain("../typescript-sdk/packages/middleware/otel/src/index.ts");
    expect(paths).toContain("src/arcp/client.py");
    const client = files.find((file) => file.viewPath === "src/arcp/client.py")!;
    expect(client.root).toBe("sdk");
    expect(client.absolute).toBe(join(copy.roots.sdk, "src/arcp/client.py"));
    expect(client.bytes).toBeGreaterThan(100);
  });

  it("skips dependencies, build output, lock files, binaries and ignored files", async () => {
    const paths = (await listWorkspaceFiles(copy.roots)).map((file) => file.viewPath);
    for (const skipped of [
      "../typescript-sdk/node_modules/dep/index.js",
      "../typescript-sdk/package-lock.json",
      "../typescript-sdk/packages/core/dist/index.js",
      "uv.lock",
      "build/lib/arcp/__init__.py",
      "arcp.egg-info/PKG-INFO",
      ".venv/bin/python",
      "src/arcp/__pycache__/client.cpython-312.pyc",
      "docs/logo.png",
      "docs/blob.dat",
      "docs/latin1.txt",
      "docs/drafts/idea.md",
      "docs/scratch.tmp",
    ]) {
      expect(paths, skipped).not.toContain(skipped);
    }
    expect(paths).toContain("docs/guide.md");
    expect(paths).toContain("scratch.tmp");
  });

  it("lists paths without reading them: files binary by content too, the same skips otherwise", async () => {
    const paths = (await listWorkspacePaths(copy.roots)).map((path) => path.viewPath);
    const texts = (await listWorkspaceFiles(copy.roots)).map((file) => file.viewPath);
    expect(paths).toEqual([...paths].sort((a, b) => (a < b ? -1 : 1)));
    expect(paths.filter((path) => !texts.includes(path))).toEqual(["docs/blob.dat", "docs/latin1.txt"]);
    expect(texts.every((path) => paths.includes(path))).toBe(true);
  });

  it("skips symlinks that leave their root and keeps those that stay inside", async () => {
    const paths = (await listWorkspaceFiles(copy.roots)).map((file) => file.viewPath);
    expect(paths).not.toContain("escape.txt");
    expect(paths).toContain("readme-link.md");
  });

  it("applies exclude globs over view paths", async () => {
    const paths = (
      await listWorkspaceFiles(copy.roots, {
        exclude: ["../typescript-sdk/packages/**", "tests", "**/*.toml"],
      })
    ).map((file) => file.viewPath);
    expect(paths.some((path) => path.startsWith("../typescript-sdk/packages/"))).toBe(false);
    expect(paths.some((path) => path.startsWith("tests/"))).toBe(false);
    expect(paths).not.toContain("pyproject.toml");
    expect(paths).toContain("../typescript-sdk/README.md");
  });

  it("lists a root nested inside another once, under its own prefix", async () => {
    const files = await listWorkspaceFiles({
      sdk: join(fixtureRoots.sdk, ".."),
      spec: fixtureRoots.spec,
      reference: fixtureRoots.reference,
    });
    const paths = files.map((file) => file.viewPath);
    expect(paths).toContain("../spec/docs/draft-arcp-1.1.md");
    expect(paths).not.toContain("spec/docs/draft-arcp-1.1.md");
    expect(paths).toContain("python-sdk/src/arcp/client.py");
  });
});
