import { describe, expect, it } from "vitest";
import { compileGlob, compileGlobs } from "../../src/workspace/compile-glob.js";

describe("compileGlob", () => {
  it("matches within one folder with * and across folders with **", () => {
    expect(compileGlob("src/*.py")("src/arcp.py")).toBe(true);
    expect(compileGlob("src/*.py")("src/arcp/client.py")).toBe(false);
    expect(compileGlob("src/**/*.py")("src/arcp/client.py")).toBe(true);
    expect(compileGlob("**/*.md")("../spec/docs/draft-arcp-1.1.md")).toBe(true);
    expect(compileGlob("**/*.md")("README.md")).toBe(true);
  });

  it("handles view paths into the spec and the reference", () => {
    const match = compileGlob("../typescript-sdk/packages/middleware/bun/**");
    expect(match("../typescript-sdk/packages/middleware/bun/src/index.ts")).toBe(true);
    expect(match("../typescript-sdk/packages/middleware/node/src/index.ts")).toBe(false);
    expect(match("src/typescript-sdk/packages/middleware/bun/x.ts")).toBe(false);
  });

  it("covers everything below a folder the pattern matches", () => {
    const match = compileGlob("./tests/fixtures/");
    expect(match("tests/fixtures")).toBe(true);
    expect(match("tests/fixtures/a/b.json")).toBe(true);
    expect(match("tests/fixtures-old/a.json")).toBe(false);
  });

  it("matches dot files and combines several patterns", () => {
    expect(compileGlob("**/.env*")("config/.env.local")).toBe(true);
    const any = compileGlobs(["docs/**", "*.lock"]);
    expect(any("docs/a/b.md")).toBe(true);
    expect(any("uv.lock")).toBe(true);
    expect(any("src/a.py")).toBe(false);
  });
});
