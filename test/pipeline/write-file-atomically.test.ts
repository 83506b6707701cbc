import { mkdtemp, open, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArcpPlanError } from "../../src/errors/arcp-plan-error.js";
import { type AtomicWriteFileSystem, writeFileAtomically } from "../../src/pipeline/write-file-atomically.js";

describe("writeFileAtomically", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "arcp-plan-atomic-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates the folder and writes the file", async () => {
    const file = path.join(dir, "planning", "v1.1", "01-spec-delta.md");
    await writeFileAtomically(file, "# Spec delta\n");
    expect(await readFile(file, "utf8")).toBe("# Spec delta\n");
    expect(await readdir(path.dirname(file))).toEqual(["01-spec-delta.md"]);
  });

  it("replaces an existing file whole", async () => {
    const file = path.join(dir, "plan.md");
    await writeFile(file, "old and longer content\n");
    await writeFileAtomically(file, new TextEncoder().encode("new\n"));
    expect(await readFile(file, "utf8")).toBe("new\n");
  });

  it("a write that fails midway leaves the previous file intact and no temp file", async () => {
    const file = path.join(dir, "plan.md");
    await writeFile(file, "previous good plan\n");
    // The temp file gets half the data, then the disk "fills up".
    const failingWrite: AtomicWriteFileSystem = {
      rename,
      open: async (target, flags) => {
        const handle = await open(target, flags);
        handle.writeFile = async (data) => {
          await handle.write(String(data).slice(0, 5));
          throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
        };
        return handle;
      },
    };
    const error = await writeFileAtomically(file, "a new plan that never lands\n", failingWrite).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArcpPlanError);
    expect((error as ArcpPlanError).kind).toBe("workspace");
    expect((error as ArcpPlanError).message).toContain(file);
    expect((error as ArcpPlanError).message).toContain("ENOSPC");
    expect(await readFile(file, "utf8")).toBe("previous good plan\n");
    expect(await readdir(dir)).toEqual(["plan.md"]);
  });

  it("a failing rename removes the fully written temp file", async () => {
    const file = path.join(dir, "plan.md");
    await writeFile(file, "previous\n");
    const failingRename: AtomicWriteFileSystem = {
      open: (target, flags) => open(target, flags),
      rename: async () => {
        throw new Error("EXDEV: cross-device link not permitted");
      },
    };
    await expect(writeFileAtomically(file, "next\n", failingRename)).rejects.toThrow(/EXDEV/);
    expect(await readFile(file, "utf8")).toBe("previous\n");
    expect(await readdir(dir)).toEqual(["plan.md"]);
  });

  it("a folder that cannot be created is a workspace error", async () => {
    const blocker = path.join(dir, "not-a-folder");
    await writeFile(blocker, "");
    const error = await writeFileAtomically(path.join(blocker, "plan.md"), "x").catch((e: unknown) => e);
    expect((error as ArcpPlanError).kind).toBe("workspace");
  });
});
