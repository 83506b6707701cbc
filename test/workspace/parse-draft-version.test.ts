import { describe, expect, it } from "vitest";
import { parseDraftVersion } from "../../src/workspace/parse-draft-version.js";

describe("parseDraftVersion", () => {
  it("reads a front matter version key first", () => {
    expect(parseDraftVersion('---\ntitle: ARCP\nversion: "1.0"\n---\n# ARCP v1.1 preview\n', "x.md")).toBe(
      "1.0",
    );
  });

  it("reads a 'Version:' line in the preamble, with decorations", () => {
    expect(parseDraftVersion("# ARCP\n\nVersion: 1.1\n\n## 1. Intro\n", "x.md")).toBe("1.1");
    expect(parseDraftVersion("# ARCP\n\n**Version:** v1.1.0\n", "x.md")).toBe("1.1");
    expect(parseDraftVersion("# ARCP\n\n- Protocol version: 1.1\n", "x.md")).toBe("1.1");
  });

  it("prefers the document's statement over a misleading file name", () => {
    expect(parseDraftVersion("# Agent Runtime Control Protocol, Version 1.1\n", "draft-arcp-1.0.md")).toBe(
      "1.1",
    );
    expect(parseDraftVersion("# ARCP v1.1\n\n## 1. Intro\n", "draft-arcp-02.1.md")).toBe("1.1");
  });

  it("reads 'ARCP 1.1' in the text before the first section, not in later sections", () => {
    expect(parseDraftVersion("# Protocol\n\nThis document specifies ARCP 1.1.\n", "x.md")).toBe("1.1");
    expect(
      parseDraftVersion("# Protocol\n\n## 1. Intro\n\nVersion: 2.0 of something\n", "x.md"),
    ).toBeUndefined();
  });

  it("falls back to the file name only when it looks like a version", () => {
    expect(parseDraftVersion("# Protocol\n", "draft-arcp-1.1.md")).toBe("1.1");
    expect(parseDraftVersion("# Protocol\n", "draft-arcp-02.1.md")).toBeUndefined();
  });

  it("reads the bold version line under an Internet-Draft header, not the version the header obsoletes", () => {
    const draft = [
      "# ARCP: Agent Runtime Control Protocol",
      "",
      "```",
      "Working Draft                       example",
      "Obsoletes: ARCP v1.0",
      "```",
      "",
      "**Agent Runtime Control Protocol (ARCP) — Version 1.1**",
      "",
      "## Status",
      "",
      "This draft supersedes ARCP v1.0.",
      "",
      "## 1. Introduction",
    ].join("\n");
    expect(parseDraftVersion(draft, "draft-arcp-02.1.md")).toBe("1.1");
    // Without the bold line, the quoted lineage says nothing about this draft's own version.
    const unstated = draft.replace("**Agent Runtime Control Protocol (ARCP) — Version 1.1**", "");
    expect(parseDraftVersion(unstated, "draft-arcp-02.1.md")).toBeUndefined();
    // A v1.0 draft in the same layout states 1.0.
    expect(
      parseDraftVersion(
        draft.replace("Version 1.1**", "Version 1.0**").replace("Obsoletes: ARCP v1.0\n", ""),
        "x.md",
      ),
    ).toBe("1.0");
  });

  it("reads the fixture drafts' own statements", async () => {
    const { readFile } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const { fixtureRoots } = await import("./copy-fixture-workspace.js");
    const v11 = await readFile(join(fixtureRoots.spec, "docs/draft-arcp-1.1.md"), "utf8");
    const v10 = await readFile(join(fixtureRoots.spec, "docs/draft-arcp-1.0.md"), "utf8");
    // The v1.1 draft names v1.0 in its fenced header ("Obsoletes: ARCP v1.0") and in a "supersedes"
    // sentence; its bold "Version 1.1" line is what it states about itself.
    expect(parseDraftVersion(v11, "renamed.md")).toBe("1.1");
    expect(parseDraftVersion(v10, "renamed.md")).toBe("1.0");
  });
});
