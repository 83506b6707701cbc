import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSecretFileMatcher } from "../../src/workspace/secrets/secret-files.js";
import { buildSecretPolicy } from "../../src/workspace/secrets/secret-policy.js";
import { listWorkspaceContents, listWorkspacePaths } from "../../src/workspace/workspace-files.js";
import { copyFixtureWorkspace } from "./copy-fixture-workspace.js";

const withheld = buildSecretFileMatcher(["config/prod.yaml", "deploy/private", "*.vault"]);

describe("secret file rules", () => {
  it.each([
    [".env", "dotenv file"],
    ["services/api/.env.production", "dotenv file"],
    ["docker/prod.env", "dotenv file"],
    [".envrc", "dotenv file"],
    ["tests/fixtures/server.pem", "private key or certificate"],
    ["certs/ca.CRT", "private key or certificate"],
    ["keys/signing.p12", "private key or certificate"],
    ["android/release.keystore", "private key or certificate"],
    ["id_ed25519", "private key or certificate"],
    ["../typescript-sdk/.aws/credentials", "cloud credentials"],
    ["deploy/credentials.json", "cloud credentials"],
    ["client_secret_1234.apps.json", "cloud credentials"],
    ["infra/terraform.tfstate", "cloud credentials"],
    [".kube/config", "cloud credentials"],
    [".npmrc", "registry credentials"],
    ["../typescript-sdk/.npmrc", "registry credentials"],
    [".pypirc", "registry credentials"],
    ["home/.docker/config.json", "registry credentials"],
    [".cargo/credentials.toml", "registry credentials"],
    ["config/secrets.yml", "secrets file"],
    [".pgpass", "password file"],
    ["vault.kdbx", "password file"],
    ["config/prod.yaml", "listed in config secrets.files"],
    ["deploy/private/tls/site.conf", "listed in config secrets.files"],
    ["../spec/notes/team.VAULT", "listed in config secrets.files"],
  ])("withholds %s (%s)", (viewPath, kind) => {
    expect(withheld(viewPath)).toBe(kind);
  });

  it.each([
    // Ordinary source and config files whose names come close.
    "lib/src/main/java/dev/arcp/auth/Credentials.java",
    "src/credentials.rs",
    "src/arcp/secrets.py",
    "src/env.ts",
    "environment.yml",
    "gradle.properties",
    "docs/keys.md",
    "id_ed25519.pub",
    "config/dev.yaml",
    "deploy/private-notes.md",
    "config/prod.yaml.md",
    "src/keyboard.key.ts",
    // Templates meant to be committed.
    ".env.example",
    ".env.sample",
    "deploy/app.env.template",
  ])("leaves %s alone", (viewPath) => {
    expect(withheld(viewPath)).toBeUndefined();
  });
});

describe("listWorkspaceContents", () => {
  let copy: Awaited<ReturnType<typeof copyFixtureWorkspace>>;
  beforeAll(async () => {
    copy = await copyFixtureWorkspace();
    const { sdk, reference } = copy.roots;
    await writeFile(join(sdk, ".gitignore"), ".env\n");
    await writeFile(join(sdk, ".env"), "KEY=1\n");
    await writeFile(join(sdk, ".env.example"), "KEY=\n");
    await mkdir(join(sdk, "certs"));
    await writeFile(join(sdk, "certs/dev.pem"), "not really a key\n");
    await symlink(join(sdk, "certs/dev.pem"), join(sdk, "dev-cert.txt"));
    await writeFile(join(reference, ".npmrc"), "auto-install-peers=true\n");
  });
  afterAll(async () => {
    await copy.cleanup();
  });

  it("withholds secret files, git-ignored or not, and says which git ignores", async () => {
    const { files, withheld: kept } = await listWorkspaceContents(copy.roots);
    expect(kept).toEqual([
      { viewPath: "../typescript-sdk/.npmrc", kind: "registry credentials", gitIgnored: false },
      { viewPath: ".env", kind: "dotenv file", gitIgnored: true },
      { viewPath: "certs/dev.pem", kind: "private key or certificate", gitIgnored: false },
      // A symlink is judged by what it points to as well.
      { viewPath: "dev-cert.txt", kind: "private key or certificate", gitIgnored: false },
    ]);
    const listed = files.map((file) => file.viewPath);
    expect(listed).toContain(".env.example");
    for (const secret of kept) expect(listed).not.toContain(secret.viewPath);
  });

  it("adds config secrets.files", async () => {
    const secrets = buildSecretPolicy({ files: ["README.md"] });
    const { files, withheld: kept } = await listWorkspaceContents(copy.roots, { secrets });
    expect(kept.map((file) => file.viewPath)).toContain("README.md");
    expect(files.map((file) => file.viewPath)).not.toContain("README.md");
  });

  it("still lists non-ignored secret files as existing paths for the linter", async () => {
    const paths = (await listWorkspacePaths(copy.roots)).map((path) => path.viewPath);
    expect(paths).toContain("certs/dev.pem");
    expect(paths).not.toContain(".env");
  });
});
