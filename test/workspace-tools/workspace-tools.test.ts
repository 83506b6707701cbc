import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSecretPolicy } from "../../src/workspace/secrets/secret-policy.js";
import {
  createWorkspaceTools,
  type WorkspaceTools,
} from "../../src/workspace/tools/create-workspace-tools.js";
import type { WorkspaceRoots } from "../../src/workspace/view-path.js";
import { fixtureWorkspace } from "../workspace/copy-fixture-workspace.js";

// Key-shaped, assembled at run time so the repository holds no such literal.
const ENV_KEY = `sk-ant-api03-${"Zq9".repeat(31)}AA`;
const SOURCE_KEY = `sk-ant-api03-${"Wx4".repeat(31)}AA`;
const KEY_BLOCK = [
  "-----BEGIN RSA PRIVATE KEY-----",
  ..."abcdefgh".split("").map((c) => `${c}Qz7`.repeat(16)),
  "-----END RSA PRIVATE KEY-----",
].join("\n");

let temp: string;
let roots: WorkspaceRoots;
let tools: WorkspaceTools;

// A temporary copy, because git-ignored files, binaries and symlinks cannot live in the fixtures.
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), "arcp-tools-"));
  await cp(fixtureWorkspace, join(temp, "ws"), { recursive: true });
  roots = {
    sdk: join(temp, "ws/python-sdk"),
    spec: join(temp, "ws/spec"),
    reference: join(temp, "ws/typescript-sdk"),
  };
  await writeFile(join(temp, "secret.txt"), "outside the workspace\n");
  await writeFile(join(roots.sdk, ".gitignore"), "build/\n.env\n");
  await writeFile(join(roots.sdk, ".env"), "TOKEN=do-not-show\n");
  await mkdir(join(roots.sdk, "build"), { recursive: true });
  await writeFile(join(roots.sdk, "build/generated.py"), "GENERATED = True\n");
  await writeFile(join(roots.sdk, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
  await symlink(join(temp, "secret.txt"), join(roots.sdk, "escape.txt"));
  await symlink(temp, join(roots.sdk, "escape-dir"));
  await symlink(join(roots.spec, "docs"), join(roots.sdk, "spec-docs"));
  const long = Array.from({ length: 1200 }, (_, i) => `line ${i + 1} ${"word ".repeat(5)}`).join("\n");
  await writeFile(join(roots.sdk, "src/arcp/long_module.py"), `${long}\n`);
  await writeFile(join(roots.sdk, "src/arcp/pathological.txt"), `${"a".repeat(1500)}!\n`);
  // Secrets git does not ignore: a dotenv file, a key, a symlink to the dotenv file, a config-listed
  // file, and a source file with a key-shaped string and a key block in it.
  await writeFile(join(roots.sdk, ".env.local"), `ANTHROPIC_API_KEY=${ENV_KEY}\n`);
  await mkdir(join(roots.sdk, "deploy"), { recursive: true });
  await writeFile(join(roots.sdk, "deploy/server.pem"), `${KEY_BLOCK}\n`);
  await symlink(join(roots.sdk, ".env.local"), join(roots.sdk, "settings.txt"));
  await writeFile(join(roots.sdk, "deploy/vault.json"), `{"token": "${ENV_KEY}"}\n`);
  await writeFile(
    join(roots.sdk, "src/arcp/keys.py"),
    `# fixture\nKEY = "${SOURCE_KEY}"\nPEM = """\n${KEY_BLOCK}\n"""\nAFTER = 1\n`,
  );
  tools = createWorkspaceTools(roots, { secrets: buildSecretPolicy({ files: ["deploy/vault.json"] }) });
});

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe("tool definitions", () => {
  it("offers list_files, read_file and grep with JSON-schema inputs", () => {
    expect(tools.definitions.map((d) => d.name)).toEqual(["list_files", "read_file", "grep"]);
    const read = tools.definitions.find((d) => d.name === "read_file")!;
    expect(read.inputSchema).toMatchObject({
      type: "object",
      required: ["path"],
      additionalProperties: false,
      properties: {
        path: { type: "string" },
        start_line: { type: "integer" },
        end_line: { type: "integer" },
      },
    });
    expect(read.inputSchema.$schema).toBeUndefined();
  });
});

describe("list_files", () => {
  it("lists the three roots as seen from the SDK checkout, without ignored, binary or escaping files", async () => {
    const result = await tools.execute("list_files", {});
    expect(result.isError).toBe(false);
    const paths = result.content.split("\n").map((l) => l.replace(/ \(\d+ bytes\)$/, ""));
    expect(paths).toContain("src/arcp/session.py");
    expect(paths).toContain("../spec/docs/draft-arcp-1.1.md");
    expect(paths).toContain("../typescript-sdk/packages/core/src/envelope.ts");
    for (const hidden of [".env", "build/generated.py", "logo.png", "escape.txt"])
      expect(paths).not.toContain(hidden);
    expect(paths.some((p) => p.startsWith("escape-dir/"))).toBe(false);
  });

  it("narrows by folder and glob", async () => {
    const result = await tools.execute("list_files", {
      path: "../typescript-sdk/examples",
      glob: "*/main.ts",
    });
    const paths = result.content.split("\n").map((l) => l.replace(/ \(\d+ bytes\)$/, ""));
    expect(paths).toHaveLength(22);
    expect(paths.every((p) => p.startsWith("../typescript-sdk/examples/") && p.endsWith("/main.ts"))).toBe(
      true,
    );
    const tests = await tools.execute("list_files", { glob: "tests/*.py" });
    expect(tests.content.split("\n")).toHaveLength(4);
  });
});

describe("read_file", () => {
  it("returns numbered lines of the requested range", async () => {
    const result = await tools.execute("read_file", {
      path: "src/arcp/long_module.py",
      start_line: 10,
      end_line: 12,
    });
    expect(result).toEqual({
      isError: false,
      content: [
        "src/arcp/long_module.py (lines 10-12 of 1200)",
        `10\tline 10 ${"word ".repeat(5)}`,
        `11\tline 11 ${"word ".repeat(5)}`,
        `12\tline 12 ${"word ".repeat(5)}`,
      ].join("\n"),
    });
  });

  it("caps long files and says how to continue", async () => {
    const result = await tools.execute("read_file", { path: "src/arcp/long_module.py" });
    expect(result.isError).toBe(false);
    expect(result.content).toMatch(/^src\/arcp\/long_module\.py \(lines 1-800 of 1200\)/);
    expect(result.content).toMatch(
      /\[truncated after line 800 of 1200: call read_file with start_line 801 to continue\]$/,
    );
  });

  it("reads the sibling roots through their view prefixes and follows symlinks that stay inside", async () => {
    const spec = await tools.execute("read_file", { path: "../spec/docs/draft-arcp-1.1.md", end_line: 3 });
    expect(spec.isError).toBe(false);
    const viaLink = await tools.execute("list_files", { path: "spec-docs" });
    expect(viaLink.isError).toBe(false);
  });

  it("rejects a start line past the end", async () => {
    const result = await tools.execute("read_file", { path: "src/arcp/errors.py", start_line: 5000 });
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/past the end/);
  });
});

describe("grep", () => {
  it("returns path:line: prefixed matches across the workspace or under a path", async () => {
    const all = await tools.execute("grep", { pattern: "class ARCP\\w+" });
    expect(all.isError).toBe(false);
    expect(all.content).toMatch(/^src\/arcp\/errors\.py:\d+: class ARCPError/m);
    expect(all.content).toMatch(
      /^\.\.\/typescript-sdk\/packages\/core\/src\/errors\.ts:13: export class ARCPError/m,
    );
    const scoped = await tools.execute("grep", { pattern: "class ARCP\\w+", path: "../typescript-sdk" });
    expect(scoped.content.split("\n").every((l) => l.startsWith("../typescript-sdk/"))).toBe(true);
  });

  it("bounds the number of matches", async () => {
    const small = createWorkspaceTools(roots, { limits: { maxGrepMatches: 5 } });
    const result = await small.execute("grep", { pattern: "word", path: "src/arcp/long_module.py" });
    expect(result.content.split("\n")).toHaveLength(6);
    expect(result.content).toMatch(/more than 5 matches/);
  });

  it("never shows git-ignored files", async () => {
    const result = await tools.execute("grep", { pattern: "do-not-show|GENERATED" });
    expect(result.content).toBe("No matches.");
  });

  it("refuses a bad regex and cuts off a catastrophic one", async () => {
    const bad = await tools.execute("grep", { pattern: "([a-z" });
    expect(bad.isError).toBe(true);
    expect(bad.content).toMatch(/Invalid regular expression/);
    const quick = createWorkspaceTools(roots, { limits: { grepTimeoutMs: 100 } });
    const slow = await quick.execute("grep", { pattern: "^(a+)+$", path: "src/arcp/pathological.txt" });
    expect(slow.isError).toBe(true);
    expect(slow.content).toMatch(/took longer than 100 ms/);
  });
});

describe("sandbox", () => {
  it.each([
    ["read_file", { path: "../../etc/passwd" }, /outside the workspace/],
    ["read_file", { path: "/etc/passwd" }, /absolute paths are not allowed/],
    ["read_file", { path: "src/../../secret.txt" }, /outside the workspace/],
    ["read_file", { path: "../spec/../../secret.txt" }, /outside the workspace/],
    ["read_file", { path: "escape.txt" }, /through a symlink/],
    ["read_file", { path: "escape-dir/secret.txt" }, /through a symlink/],
    ["list_files", { path: "escape-dir" }, /through a symlink/],
    ["grep", { pattern: "outside", path: "escape-dir" }, /through a symlink/],
    ["grep", { pattern: "x", path: "/tmp" }, /absolute paths are not allowed/],
    ["list_files", { path: ".." }, /outside the workspace/],
    ["read_file", { path: ".env" }, /\.env is withheld: it looks like a secret \(dotenv file\)/],
    ["read_file", { path: "build/generated.py" }, /not part of the workspace/],
    ["read_file", { path: "logo.png" }, /binary file/],
    ["read_file", { path: "src/arcp" }, /is a folder/],
    ["read_file", { path: "src/arcp/missing.py" }, /No such file/],
  ])("%s %j is refused with an explanation", async (name, input, message) => {
    const result = await tools.execute(name, input);
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(message);
    expect(result.content).not.toContain("do-not-show");
    expect(result.content).not.toContain("outside the workspace\n");
  });

  it.each([
    ["read_file", {}, /path/],
    ["read_file", { path: 5 }, /expected string/],
    ["read_file", { path: "README.md", start_line: 0 }, /start_line/],
    ["read_file", { path: "README.md", start_line: 5, end_line: 2 }, /end_line must not be smaller/],
    ["list_files", { path: "src", extra: true }, /Unrecognized key/],
    ["grep", { pattern: "" }, /pattern/],
    ["delete_file", { path: "README.md" }, /Unknown tool/],
  ])("%s %j reports bad arguments", async (name, input, message) => {
    const result = await tools.execute(name, input);
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(message);
  });
});

describe("secrets", () => {
  const leaks = (text: string) =>
    [ENV_KEY, SOURCE_KEY, "Qz7", "BEGIN RSA"].filter((secret) => text.includes(secret));

  it("lists no secret file, whatever git says", async () => {
    const result = await tools.execute("list_files", {});
    const paths = result.content.split("\n").map((l) => l.replace(/ \(\d+ bytes\)$/, ""));
    expect(paths).toContain("src/arcp/keys.py");
    for (const secret of [".env.local", "deploy/server.pem", "settings.txt", "deploy/vault.json"]) {
      expect(paths).not.toContain(secret);
    }
  });

  it.each([
    ["read_file", { path: ".env.local" }, /\.env\.local is withheld: .*\(dotenv file\)/],
    ["read_file", { path: "deploy/server.pem" }, /withheld: .*\(private key or certificate\)/],
    ["read_file", { path: "settings.txt" }, /settings\.txt is withheld: .*\(dotenv file\)/],
    ["read_file", { path: "deploy/vault.json" }, /withheld: .*\(listed in config secrets\.files\)/],
    ["grep", { pattern: "ANTHROPIC", path: ".env.local" }, /withheld/],
    ["list_files", { path: "deploy/server.pem" }, /withheld/],
  ])("%s %j answers that the file is withheld", async (name, input, message) => {
    const result = await tools.execute(name, input);
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(message);
    expect(leaks(result.content)).toEqual([]);
  });

  it("redacts a key in a source file and keeps its line numbers", async () => {
    const result = await tools.execute("read_file", { path: "src/arcp/keys.py" });
    expect(result.isError).toBe(false);
    expect(leaks(result.content)).toEqual([]);
    const lines = result.content.split("\n");
    expect(lines).toContain(' 2\tKEY = "[REDACTED:anthropic-api-key]"');
    expect(lines).toContain(" 4\t[REDACTED:private-key]");
    // The block's ten lines are kept as empty lines, so line 15 is still the file's line 15.
    expect(lines).toContain("15\tAFTER = 1");
  });

  it("searches redacted text, so a pattern cannot probe what a key holds", async () => {
    for (const pattern of ["sk-ant-api03-Wx4", "Wx4Wx4", "BEGIN RSA", "Qz7", "Zq9Zq9"]) {
      const result = await tools.execute("grep", { pattern });
      expect(result.content, pattern).toBe("No matches.");
    }
    const markers = await tools.execute("grep", { pattern: "REDACTED", path: "src/arcp" });
    expect(markers.content).toContain('src/arcp/keys.py:2: KEY = "[REDACTED:anthropic-api-key]"');
  });

  it("counts what it redacted, by kind", async () => {
    const fresh = createWorkspaceTools(roots);
    expect(fresh.redactions()).toEqual({});
    await fresh.execute("read_file", { path: "src/arcp/keys.py" });
    expect(fresh.redactions()).toEqual({ "anthropic-api-key": 1, "private-key": 1 });
  });
});
