import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bootstrapClaims } from "../../src/pipeline/bootstrap-claims.js";
import { openWorkspace } from "../../src/pipeline/open-workspace.js";
import { type BootstrapClaims, buildDriftChecks } from "../../src/workspace/build-drift-checks.js";
import { readSpecDrafts } from "../../src/workspace/spec-drafts.js";
import { readWorkspaceFacts } from "../../src/workspace/workspace-facts.js";
import { copyFixtureWorkspace, fixtureRoots } from "./copy-fixture-workspace.js";

const FIXTURE_MODULES = [
  "src/arcp/__init__.py",
  "src/arcp/client.py",
  "src/arcp/envelope.py",
  "src/arcp/errors.py",
  "src/arcp/runtime.py",
  "src/arcp/session.py",
  "src/arcp/transport.py",
];

describe("readWorkspaceFacts", () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it("counts the fixture's examples, middleware and modules on disk", async () => {
    const facts = await readWorkspaceFacts(await openWorkspace({ cwd: fixtureRoots.sdk }));
    expect(facts).toEqual({
      referenceExamples: [
        "ack-window",
        "bun",
        "error-codes",
        "express",
        "fastify",
        "heartbeat",
        "hello-session",
        "job-cancel",
        "lease-budget",
        "lease-renew",
        "list-jobs",
        "log-events",
        "memory-transport",
        "pinned-version",
        "progress-events",
        "result-chunks",
        "retry-with-key",
        "submit-and-wait",
        "subscribe-replay",
        "token-auth",
        "tool-call",
        "tracing",
      ],
      referenceMiddleware: ["bun", "express", "fastify", "hono", "node", "otel"],
      sdkModules: FIXTURE_MODULES,
      sdkLanguage: "python",
    });
  });

  it("takes a flat-layout Python SDK's modules from its top-level package", async () => {
    const copy = await copyFixtureWorkspace();
    cleanup = copy.cleanup;
    await rename(join(copy.roots.sdk, "src/arcp"), join(copy.roots.sdk, "arcp"));
    await rm(join(copy.roots.sdk, "src"), { recursive: true });
    const facts = await readWorkspaceFacts(await openWorkspace({ cwd: copy.roots.sdk }));
    expect(facts.sdkLanguage).toBe("python");
    expect(facts.sdkModules).toEqual(FIXTURE_MODULES.map((module) => module.replace(/^src\//, "")));
  });

  it("recognises another language's SDK", async () => {
    const copy = await copyFixtureWorkspace();
    cleanup = copy.cleanup;
    await rm(join(copy.roots.sdk, "pyproject.toml"));
    await writeFile(join(copy.roots.sdk, "Cargo.toml"), '[package]\nname = "arcp"\n');
    await mkdir(join(copy.roots.sdk, "src"), { recursive: true });
    await writeFile(join(copy.roots.sdk, "src/lib.rs"), "pub fn hello() {}\n");
    const facts = await readWorkspaceFacts(await openWorkspace({ cwd: copy.roots.sdk }));
    expect(facts.sdkLanguage).toBe("rust");
    expect(facts.sdkModules).toEqual(["src/lib.rs"]);
  });
});

/** What the seed bootstrap claims (`bootstrapClaims` reads these from its text; tested in the compiler). */
const seedClaims: BootstrapClaims = {
  source: "prompts/BOOTSTRAP.md",
  exampleCount: 18,
  middleware: ["node", "express", "fastify", "hono", "bun", "otel"],
  specViewPath: "../spec/docs/draft-arcp-02.1.md",
  language: "python",
};

describe("buildDriftChecks", () => {
  it("warns about the example count and the renamed spec file in the fixture", async () => {
    const workspace = await openWorkspace({ cwd: fixtureRoots.sdk });
    const claims = bootstrapClaims(workspace.bootstrap);
    expect(claims).toEqual({ ...seedClaims, source: workspace.bootstrap.path });
    const checks = buildDriftChecks(
      await readWorkspaceFacts(workspace),
      await readSpecDrafts(workspace),
      claims,
    );
    const byId = new Map(checks.map((check) => [check.id, check]));
    expect(byId.get("drift.examples")).toMatchObject({ status: "warn" });
    expect(byId.get("drift.examples")!.message).toContain("says 18");
    expect(byId.get("drift.examples")!.message).toContain("has 22");
    expect(byId.get("drift.spec-file")).toMatchObject({ status: "warn" });
    expect(byId.get("drift.spec-file")!.message).toContain("draft-arcp-02.1.md");
    expect(byId.get("drift.spec-file")!.message).toContain("draft-arcp-1.1.md");
    for (const name of ["node", "express", "fastify", "hono", "bun", "otel"]) {
      expect(byId.get(`drift.middleware.${name}`)?.status).toBe("ok");
    }
    expect(byId.get("drift.sdk-language")?.status).toBe("ok");
  });

  it("names each missing middleware folder, extra folders, and no examples as a failure", () => {
    const checks = buildDriftChecks(
      {
        referenceExamples: [],
        referenceMiddleware: ["node", "express", "koa"],
        sdkModules: [],
        sdkLanguage: "go",
      },
      undefined,
      seedClaims,
    );
    const status = Object.fromEntries(checks.map((check) => [check.id, check.status]));
    expect(status).toMatchObject({
      "drift.examples": "fail",
      "drift.middleware.node": "ok",
      "drift.middleware.hono": "warn",
      "drift.middleware.otel": "warn",
      "drift.middleware.extra": "warn",
      "drift.sdk-language": "warn",
    });
    expect(checks.find((c) => c.id === "drift.middleware.extra")!.message).toContain("koa/");
    // A Go checkout running the seed: the warning names the bootstrap in force and what follows.
    expect(checks.find((c) => c.id === "drift.sdk-language")!.message).toBe(
      "SDK language: go; the bootstrap in force (prompts/BOOTSTRAP.md) is written for python, so its phase checks are warnings here",
    );
    // A bootstrap that claims nothing about middleware or examples has nothing to drift from.
    const silent = buildDriftChecks(
      { referenceExamples: ["a"], referenceMiddleware: ["node"], sdkModules: [], sdkLanguage: "go" },
      undefined,
      {
        source: "BOOTSTRAP.md",
        exampleCount: undefined,
        middleware: undefined,
        specViewPath: undefined,
        language: "go",
      },
    );
    expect(silent.map((check) => [check.id, check.status])).toEqual([
      ["drift.examples", "ok"],
      ["drift.sdk-language", "ok"],
    ]);
  });

  it("is quiet when the workspace matches the bootstrap", () => {
    const checks = buildDriftChecks(
      {
        referenceExamples: Array.from({ length: 18 }, (_, i) => `ex-${i}`),
        referenceMiddleware: ["bun", "express", "fastify", "hono", "node", "otel"],
        sdkModules: [],
        sdkLanguage: "python",
      },
      {
        current: {
          absolute: "",
          viewPath: "../spec/docs/draft-arcp-02.1.md",
          version: "1.1",
          title: "",
          sections: [],
        },
        previous: undefined,
        all: [],
      },
      seedClaims,
    );
    expect(checks.every((check) => check.status === "ok")).toBe(true);
  });

  it("checks examples/README.md against the example folders on disk", () => {
    const facts = {
      referenceExamples: ["heartbeat", "hello-session", "lease-budget"],
      referenceMiddleware: [],
      sdkModules: [],
      sdkLanguage: "python",
    };
    const readme = [
      "# Examples",
      "",
      "| Example | Shows |",
      "| - | - |",
      "| [`hello-session/`](hello-session/) | a session |",
      "| [`heartbeat-v2/`](./heartbeat-v2/main.ts) | pings |",
      "| [`retry/`](<retry/>) | retries; see [the index](../README.md) and [the spec](https://example.com/x/) |",
      "",
      "Run `npx tsx examples/lease-budget/main.ts`.",
    ].join("\n");
    const check = (text: string | undefined) =>
      buildDriftChecks(facts, undefined, seedClaims, text).find((c) => c.id === "drift.examples-readme");
    // `heartbeat-v2` is not a mention of `heartbeat`; `..` and URLs are not example folders.
    expect(check(readme)).toEqual({
      id: "drift.examples-readme",
      status: "warn",
      message:
        "examples/README.md and ../typescript-sdk/examples/ disagree (plans mirror the folders on disk)",
      details: ["not in the README: heartbeat", "linked but not on disk: heartbeat-v2, retry"],
    });
    expect(check("- heartbeat\n- hello-session\n- [lease-budget](lease-budget/)\n")?.status).toBe("ok");
    expect(check(undefined)).toBeUndefined();
  });

  it("finds the fixture's examples/README.md in agreement with its folders", async () => {
    const workspace = await openWorkspace({ cwd: fixtureRoots.sdk });
    const readme = await readFile(join(fixtureRoots.reference, "examples/README.md"), "utf8");
    const checks = buildDriftChecks(await readWorkspaceFacts(workspace), undefined, seedClaims, readme);
    expect(checks.find((c) => c.id === "drift.examples-readme")).toMatchObject({
      status: "ok",
      message: "examples/README.md: names all 22 example folders",
    });
  });
});
