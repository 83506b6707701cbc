import { describe, expect, it } from "vitest";
import { resolveViewPath, toViewPath, type WorkspaceRoots } from "../src/workspace/view-path.js";

const roots: WorkspaceRoots = {
  sdk: "/ws/python-sdk",
  spec: "/elsewhere/spec",
  reference: "/ws/typescript-sdk",
};

describe("view paths", () => {
  it("maps SDK, spec and reference view paths to their real roots", () => {
    expect(resolveViewPath(roots, "src/arcp/client.py")).toMatchObject({
      ok: true,
      root: "sdk",
      absolute: "/ws/python-sdk/src/arcp/client.py",
    });
    expect(resolveViewPath(roots, "../spec/docs/draft.md")).toMatchObject({
      ok: true,
      root: "spec",
      absolute: "/elsewhere/spec/docs/draft.md",
    });
    expect(resolveViewPath(roots, "../typescript-sdk")).toMatchObject({
      ok: true,
      root: "reference",
      absolute: "/ws/typescript-sdk",
    });
    expect(resolveViewPath(roots, "")).toMatchObject({ ok: true, root: "sdk", absolute: "/ws/python-sdk" });
  });

  it("normalizes dot segments before deciding the root", () => {
    expect(resolveViewPath(roots, "src/../../spec/docs/x.md")).toMatchObject({
      ok: true,
      root: "spec",
      absolute: "/elsewhere/spec/docs/x.md",
    });
    expect(resolveViewPath(roots, "./src/./a.py")).toMatchObject({
      ok: true,
      absolute: "/ws/python-sdk/src/a.py",
    });
  });

  it("refuses paths that leave the workspace", () => {
    for (const outside of [
      "../../etc/passwd",
      "..",
      "../other-repo/x",
      "src/../../../x",
      "/etc/passwd",
      "../spec/../../x",
    ]) {
      const result = resolveViewPath(roots, outside);
      expect(result.ok, outside).toBe(false);
    }
  });

  it("maps real paths back to the view", () => {
    expect(toViewPath(roots, "/ws/python-sdk/src/a.py")).toBe("src/a.py");
    expect(toViewPath(roots, "/elsewhere/spec/docs/d.md")).toBe("../spec/docs/d.md");
    expect(toViewPath(roots, "/ws/typescript-sdk/README.md")).toBe("../typescript-sdk/README.md");
    expect(toViewPath(roots, "/ws/python-sdk")).toBe(".");
    expect(toViewPath(roots, "/tmp/x")).toBeUndefined();
  });
});
