import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArcpPlanError } from "../../src/errors/arcp-plan-error.js";
import { openWorkspace } from "../../src/pipeline/open-workspace.js";
import { copyFixtureWorkspace, fixtureRoots } from "./copy-fixture-workspace.js";

async function failure(promise: Promise<unknown>): Promise<ArcpPlanError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ArcpPlanError);
  return error as ArcpPlanError;
}

describe("resolveWorkspace", () => {
  let temp: string;
  beforeEach(async () => {
    temp = await mkdtemp(join(tmpdir(), "arcp-plan-resolve-"));
  });
  afterEach(async () => {
    await rm(temp, { recursive: true, force: true });
  });

  it("by default treats the current directory as the SDK with spec and reference beside it", async () => {
    const workspace = await openWorkspace({ cwd: fixtureRoots.sdk });
    expect(workspace.roots).toEqual(fixtureRoots);
    expect(workspace.outDir).toBe(join(fixtureRoots.sdk, "planning/v1.1"));
    expect(workspace.configPath).toBeUndefined();
    expect(workspace.config).toEqual({});
    expect(workspace.specFile).toBeUndefined();
  });

  it("accepts every part by flag, relative to cwd", async () => {
    const workspace = await openWorkspace({
      cwd: join(fixtureRoots.sdk, ".."),
      sdk: "python-sdk",
      spec: "spec",
      reference: "typescript-sdk",
      out: join(temp, "plans"),
    });
    expect(workspace.roots).toEqual(fixtureRoots);
    expect(workspace.outDir).toBe(join(temp, "plans"));
  });

  it("accepts --spec naming a draft file; the spec root is the folder above docs/", async () => {
    const draft = join(fixtureRoots.spec, "docs/draft-arcp-1.1.md");
    const workspace = await openWorkspace({ cwd: fixtureRoots.sdk, spec: draft });
    expect(workspace.specFile).toBe(draft);
    expect(workspace.roots.spec).toBe(fixtureRoots.spec);
  });

  it("reads arcp-plan.config.json from the SDK checkout, paths relative to the config's folder", async () => {
    const sdk = join(temp, "sdk");
    await mkdir(sdk);
    await writeFile(
      join(sdk, "arcp-plan.config.json"),
      JSON.stringify({
        workspace: { spec: fixtureRoots.spec, reference: fixtureRoots.reference, out: "plans" },
        bundle: { budgetTokens: 5000 },
      }),
    );
    const workspace = await openWorkspace({ cwd: temp, sdk: "sdk" });
    expect(workspace.configPath).toBe(join(sdk, "arcp-plan.config.json"));
    expect(workspace.roots).toEqual({ sdk, spec: fixtureRoots.spec, reference: fixtureRoots.reference });
    expect(workspace.outDir).toBe(join(sdk, "plans"));
    expect(workspace.config.bundle?.budgetTokens).toBe(5000);
  });

  it("--config names a config elsewhere; it can move the SDK too; flags still win", async () => {
    const config = join(temp, "conf", "arcp.json");
    await mkdir(join(temp, "conf"));
    await writeFile(
      config,
      JSON.stringify({ workspace: { sdk: fixtureRoots.sdk, reference: "/does/not/matter", out: "../out" } }),
    );
    const workspace = await openWorkspace({ cwd: temp, config, reference: fixtureRoots.reference });
    expect(workspace.roots.sdk).toBe(fixtureRoots.sdk);
    expect(workspace.roots.reference).toBe(fixtureRoots.reference);
    expect(workspace.outDir).toBe(join(temp, "out"));
  });

  it("a missing explicit --config file is a config error", async () => {
    const error = await failure(openWorkspace({ cwd: fixtureRoots.sdk, config: join(temp, "nope.json") }));
    expect(error.kind).toBe("config");
    expect(error.message).toContain(join(temp, "nope.json"));
  });

  it("malformed JSON is a config error naming the file", async () => {
    await writeFile(join(temp, "bad.json"), "{ workspace: ");
    const error = await failure(openWorkspace({ cwd: fixtureRoots.sdk, config: join(temp, "bad.json") }));
    expect(error.kind).toBe("config");
    expect(error.message).toContain("not valid JSON");
  });

  it("schema problems are listed all at once with dotted paths", async () => {
    await writeFile(
      join(temp, "c.json"),
      JSON.stringify({ workspace: { sdk: 3 }, bundle: { budgetTokens: -1 }, surprise: true }),
    );
    const error = await failure(openWorkspace({ cwd: fixtureRoots.sdk, config: join(temp, "c.json") }));
    expect(error.kind).toBe("config");
    const details = error.details.join("\n");
    expect(details).toContain("workspace.sdk");
    expect(details).toContain("bundle.budgetTokens");
    expect(details).toContain("surprise");
  });

  it.each([
    ["sdk", "SDK checkout", "--sdk DIR", "workspace.sdk"],
    ["spec", "spec", "--spec PATH", "workspace.spec"],
    ["reference", "TypeScript reference", "--reference DIR", "workspace.reference"],
  ] as const)(
    "a missing %s names the path tried, the flag and the config key",
    async (part, label, flag, key) => {
      const missing = join(temp, `missing-${part}`);
      const error = await failure(openWorkspace({ cwd: fixtureRoots.sdk, [part]: missing }));
      expect(error.kind).toBe("workspace");
      expect(error.message).toContain(`${label} not found: ${missing}`);
      expect(error.hint).toContain(flag);
      expect(error.hint).toContain(key);
    },
  );

  it("a missing default part says it was the default and lists every missing part at once", async () => {
    const sdk = join(temp, "lonely-sdk");
    await mkdir(sdk);
    const error = await failure(openWorkspace({ cwd: sdk }));
    expect(error.kind).toBe("workspace");
    expect(error.message).toContain("2 workspace parts");
    expect(error.details.join("\n")).toContain(join(temp, "spec"));
    expect(error.details.join("\n")).toContain(join(temp, "typescript-sdk"));
    expect(error.details.join("\n")).toContain("default");
  });

  it("a config path that is missing names the config key and file", async () => {
    const sdk = join(temp, "sdk");
    await mkdir(sdk);
    await writeFile(
      join(sdk, "arcp-plan.config.json"),
      JSON.stringify({ workspace: { spec: "../nowhere" } }),
    );
    const error = await failure(openWorkspace({ cwd: sdk, reference: fixtureRoots.reference }));
    expect(error.message).toContain(join(temp, "nowhere"));
    expect(error.message).toContain("workspace.spec");
  });

  it("an SDK path that is a file is reported", async () => {
    await writeFile(join(temp, "file"), "x");
    const error = await failure(
      openWorkspace({
        cwd: temp,
        sdk: "file",
        spec: fixtureRoots.spec,
        reference: fixtureRoots.reference,
      }),
    );
    expect(error.message).toContain("is not a folder");
  });
});

describe("the bootstrap a workspace runs", () => {
  it("is the checkout's BOOTSTRAP.md, else the seed; an empty one is passed over and said so", async () => {
    const copy = await copyFixtureWorkspace();
    try {
      const seed = await openWorkspace({ cwd: copy.roots.sdk });
      expect(seed.bootstrap).toMatchObject({ origin: "builtin" });
      expect(seed.bootstrap.passedOver).toBeUndefined();
      await writeFile(join(copy.roots.sdk, "BOOTSTRAP.md"), "\n");
      const empty = await openWorkspace({ cwd: copy.roots.sdk });
      expect(empty.bootstrap).toMatchObject({
        origin: "builtin",
        passedOver: `${join(copy.roots.sdk, "BOOTSTRAP.md")} is empty`,
      });
      const v12 = seed.bootstrap.text.replaceAll("v1.1", "v1.2");
      await writeFile(join(copy.roots.sdk, "BOOTSTRAP.md"), v12);
      const own = await openWorkspace({ cwd: copy.roots.sdk });
      expect(own.bootstrap.origin).toBe("checkout");
      expect(own.protocolVersion).toBe("1.2");
      expect(own.outDir).toBe(join(copy.roots.sdk, "planning/v1.2"));
      // --out still moves the plans; --bootstrap names another file, which must exist.
      const moved = await openWorkspace({ cwd: copy.roots.sdk, out: "elsewhere" });
      expect(moved.outDir).toBe(join(copy.roots.sdk, "elsewhere"));
      const missing = await openWorkspace({ cwd: copy.roots.sdk, bootstrap: "nope.md" }).catch((e) => e);
      expect(missing).toMatchObject({ kind: "workspace" });
      expect((missing as Error).message).toContain("bootstrap not found");
    } finally {
      await copy.cleanup();
    }
  });
});

describe("--spec naming a draft file", () => {
  it("refuses a draft in a folder that is no spec checkout, which would be read whole as the spec", async () => {
    const copy = await copyFixtureWorkspace();
    try {
      const loose = join(copy.roots.sdk, "..", "downloads");
      await mkdir(loose);
      const draft = join(loose, "draft-arcp-1.1.md");
      await writeFile(draft, "# ARCP\n\n**Version 1.1**\n\n## 1. Intro\n");
      await writeFile(join(loose, "tax-return.pdf.txt"), "not a spec\n");
      const error = await openWorkspace({ cwd: copy.roots.sdk, spec: draft }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArcpPlanError);
      expect((error as ArcpPlanError).message).toBe(
        `the spec draft ${draft} is not inside a spec checkout: its folder is neither a docs/ folder nor a git checkout, and all of ${loose} would be read as the spec`,
      );
      // The same folder as a git checkout is a spec checkout with its drafts at the top level.
      await mkdir(join(loose, ".git"));
      const workspace = await openWorkspace({ cwd: copy.roots.sdk, spec: draft });
      expect(workspace.roots.spec).toBe(loose);
    } finally {
      await copy.cleanup();
    }
  });
});
