import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildWorkspaceLocations,
  specRootForDraftFile,
} from "../../src/workspace/build-workspace-locations.js";

const cwd = resolve("/work/ws/python-sdk");

describe("buildWorkspaceLocations", () => {
  it("defaults: the current directory is the SDK, spec and reference beside it, plans in planning/v1.1", () => {
    const locations = buildWorkspaceLocations({
      cwd,
      flags: {},
      config: undefined,
      configDir: undefined,
      outputFolder: "planning/v1.1",
    });
    expect(locations.sdk).toEqual({ path: cwd, source: "default" });
    expect(locations.spec).toEqual({ path: resolve("/work/ws/spec"), source: "default" });
    expect(locations.reference).toEqual({ path: resolve("/work/ws/typescript-sdk"), source: "default" });
    expect(locations.out).toEqual({ path: resolve(cwd, "planning/v1.1"), source: "default" });
  });

  it("defaults follow a moved SDK checkout", () => {
    const locations = buildWorkspaceLocations({
      cwd,
      flags: { sdk: "../other/sdk" },
      config: undefined,
      configDir: undefined,
      outputFolder: "planning/v1.1",
    });
    expect(locations.sdk.path).toBe(resolve("/work/ws/other/sdk"));
    expect(locations.spec.path).toBe(resolve("/work/ws/other/spec"));
    expect(locations.out.path).toBe(resolve("/work/ws/other/sdk/planning/v1.1"));
  });

  it("config paths are relative to the config file's folder, not the working directory", () => {
    const locations = buildWorkspaceLocations({
      cwd: resolve("/elsewhere"),
      flags: {},
      config: { spec: "../specs/arcp", reference: "/abs/ts", out: "plans" },
      configDir: resolve("/work/ws/python-sdk"),
      outputFolder: "planning/v1.1",
    });
    expect(locations.spec).toEqual({ path: resolve("/work/ws/specs/arcp"), source: "config" });
    expect(locations.reference).toEqual({ path: resolve("/abs/ts"), source: "config" });
    expect(locations.out).toEqual({ path: resolve("/work/ws/python-sdk/plans"), source: "config" });
  });

  it("flags beat config beat defaults, per location", () => {
    const locations = buildWorkspaceLocations({
      cwd,
      flags: { spec: "flag-spec" },
      config: { spec: "config-spec", reference: "config-ref" },
      configDir: resolve("/cfg"),
      outputFolder: "planning/v1.1",
    });
    expect(locations.spec).toEqual({ path: resolve(cwd, "flag-spec"), source: "flag" });
    expect(locations.reference).toEqual({ path: resolve("/cfg/config-ref"), source: "config" });
    expect(locations.out.source).toBe("default");
  });

  it("an empty flag does not override config", () => {
    const locations = buildWorkspaceLocations({
      cwd,
      flags: { out: "" },
      config: { out: "x" },
      configDir: resolve("/cfg"),
      outputFolder: "planning/v1.1",
    });
    expect(locations.out).toEqual({ path: resolve("/cfg/x"), source: "config" });
  });
});

describe("specRootForDraftFile", () => {
  it("uses the folder above docs/ for a draft in docs/", () => {
    expect(specRootForDraftFile(resolve("/ws/spec/docs/draft-arcp-1.1.md"))).toBe(resolve("/ws/spec"));
  });
  it("uses the draft's own folder otherwise", () => {
    expect(specRootForDraftFile(resolve("/ws/drafts/arcp.md"))).toBe(resolve("/ws/drafts"));
  });
});
