import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArcpPlanError } from "../../src/errors/arcp-plan-error.js";
import { openWorkspace } from "../../src/pipeline/open-workspace.js";
import { readSpecDrafts, versionBefore } from "../../src/workspace/spec-drafts.js";
import { fixtureRoots } from "./copy-fixture-workspace.js";

describe("readSpecDrafts", () => {
  let spec: string;
  beforeEach(async () => {
    spec = await mkdtemp(join(tmpdir(), "arcp-plan-spec-"));
    await mkdir(join(spec, "docs"));
  });
  afterEach(async () => {
    await rm(spec, { recursive: true, force: true });
  });
  const workspaceFor = (specPath: string) => openWorkspace({ cwd: fixtureRoots.sdk, spec: specPath });
  const copyDraft = (from: string, to: string) =>
    cp(join(fixtureRoots.spec, "docs", from), join(spec, "docs", to));

  it("finds v1.1 and v1.0 in the fixture by what they state", async () => {
    const drafts = await readSpecDrafts(await openWorkspace({ cwd: fixtureRoots.sdk }));
    expect(drafts.current.viewPath).toBe("../spec/docs/draft-arcp-1.1.md");
    expect(drafts.current.version).toBe("1.1");
    expect(drafts.current.title).toBe("ARCP: Agent Runtime Control Protocol");
    expect(drafts.current.sections.find((s) => s.number === "9.6")?.title).toBe("Cost budget");
    expect(drafts.previous?.viewPath).toBe("../spec/docs/draft-arcp-1.0.md");
    expect(drafts.all).toHaveLength(2);
  });

  it("finds renamed drafts by their stated version, not their file name", async () => {
    await copyDraft("draft-arcp-1.1.md", "draft-arcp-02.1.md");
    await copyDraft("draft-arcp-1.0.md", "draft-arcp-01.md");
    const drafts = await readSpecDrafts(await workspaceFor(spec));
    expect(drafts.current.viewPath).toBe("../spec/docs/draft-arcp-02.1.md");
    expect(drafts.previous?.viewPath).toBe("../spec/docs/draft-arcp-01.md");
  });

  it("is not fooled by a file name that claims the wrong version", async () => {
    await copyDraft("draft-arcp-1.0.md", "draft-arcp-1.1.md");
    await copyDraft("draft-arcp-1.1.md", "draft-arcp-next.md");
    const drafts = await readSpecDrafts(await workspaceFor(spec));
    expect(drafts.current.viewPath).toBe("../spec/docs/draft-arcp-next.md");
    expect(drafts.previous?.viewPath).toBe("../spec/docs/draft-arcp-1.1.md");
  });

  it("uses --spec FILE as the current draft and still finds v1.0 beside it", async () => {
    await copyDraft("draft-arcp-1.1.md", "draft-arcp-02.1.md");
    await copyDraft("draft-arcp-1.0.md", "draft-arcp-1.0.md");
    const drafts = await readSpecDrafts(await workspaceFor(join(spec, "docs/draft-arcp-02.1.md")));
    expect(drafts.current.absolute).toBe(join(spec, "docs/draft-arcp-02.1.md"));
    expect(drafts.previous?.version).toBe("1.0");
  });

  it("refuses --spec FILE naming a draft that states another version", async () => {
    await copyDraft("draft-arcp-1.0.md", "draft-arcp-1.0.md");
    const error = await readSpecDrafts(await workspaceFor(join(spec, "docs/draft-arcp-1.0.md"))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArcpPlanError);
    expect((error as ArcpPlanError).message).toContain("states version 1.0");
  });

  it("reports no drafts with the glob it looked for", async () => {
    const error = (await readSpecDrafts(await workspaceFor(spec)).catch((e: unknown) => e)) as ArcpPlanError;
    expect(error.kind).toBe("workspace");
    expect(error.message).toContain("draft-arcp-*.md");
    expect(error.hint).toContain("--spec");
  });

  it("reports no v1.1 draft and names the versions it found", async () => {
    await copyDraft("draft-arcp-1.0.md", "draft-arcp-1.0.md");
    const error = (await readSpecDrafts(await workspaceFor(spec)).catch((e: unknown) => e)) as ArcpPlanError;
    expect(error.message).toContain("no v1.1 spec draft");
    expect(error.details.join("\n")).toContain("draft-arcp-1.0.md: states version 1.0");
  });

  it("reports a v1.1 draft without numbered sections", async () => {
    await writeFile(
      join(spec, "docs/draft-arcp-1.1.md"),
      "# ARCP\n\nVersion: 1.1\n\n## Sessions\n\nNo numbers.\n",
    );
    const error = (await readSpecDrafts(await workspaceFor(spec)).catch((e: unknown) => e)) as ArcpPlanError;
    expect(error.message).toContain("no numbered sections");
  });

  it("finds drafts at the checkout's top level when there is no docs folder", async () => {
    await rm(join(spec, "docs"), { recursive: true });
    await cp(join(fixtureRoots.spec, "docs/draft-arcp-1.1.md"), join(spec, "draft-arcp-x.md"));
    const drafts = await readSpecDrafts(await workspaceFor(spec));
    expect(drafts.current.viewPath).toBe("../spec/draft-arcp-x.md");
    expect(drafts.previous).toBeUndefined();
  });
});

describe("versionBefore", () => {
  it("is the newest stated version below the target, ignoring unknown ones", () => {
    expect(versionBefore("1.1", ["1.1", "1.0", "unknown"])).toBe("1.0");
    expect(versionBefore("1.2", ["1.0", "1.1", "1.2", "2.0"])).toBe("1.1");
    expect(versionBefore("2.0", ["1.10", "1.9"])).toBe("1.10");
    expect(versionBefore("1.0", ["1.0", "1.1"])).toBeUndefined();
  });
});
