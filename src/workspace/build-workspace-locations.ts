import { basename, dirname, resolve } from "node:path";
import type { ArcpPlanConfig } from "./config-schema.js";

/** Where one workspace location came from, so errors can name the flag and config key that fix it. */
export type LocationSource = "flag" | "config" | "default";

export interface Location {
  path: string;
  source: LocationSource;
}

export type LocationName = "sdk" | "spec" | "reference" | "out";

export interface WorkspaceLocationInput {
  cwd: string;
  flags: Partial<Record<LocationName, string>>;
  /** The `workspace` section of the config file, if any. */
  config: ArcpPlanConfig["workspace"];
  /** Folder of the config file; config paths are relative to it. */
  configDir: string | undefined;
  /** The bootstrap's output folder relative to the SDK checkout ("planning/v1.1"): the default of `out`. */
  outputFolder: string;
}

export const LOCATION_FLAGS: Record<LocationName, string> = {
  sdk: "--sdk DIR",
  spec: "--spec PATH",
  reference: "--reference DIR",
  out: "--out DIR",
};

/** The SDK checkout alone: the bootstrap is looked for there before the other locations are known. */
export function sdkLocation(input: Omit<WorkspaceLocationInput, "outputFolder">): Location {
  return pickLocation(input, "sdk", () => resolve(input.cwd));
}

function pickLocation(
  input: Omit<WorkspaceLocationInput, "outputFolder">,
  name: LocationName,
  fallback: () => string,
): Location {
  const flag = input.flags[name];
  if (flag !== undefined && flag !== "") return { path: resolve(input.cwd, flag), source: "flag" };
  const configured = input.config?.[name];
  if (configured !== undefined) {
    return { path: resolve(input.configDir ?? input.cwd, configured), source: "config" };
  }
  return { path: fallback(), source: "default" };
}

/**
 * Pure precedence: flag beats config beats default. Flags are relative to `cwd`, config paths to the
 * config file's folder; defaults hang off the resolved SDK checkout (`../spec`, `../typescript-sdk`,
 * and the bootstrap's output folder).
 */
export function buildWorkspaceLocations(input: WorkspaceLocationInput): Record<LocationName, Location> {
  const pick = (name: LocationName, fallback: () => string) => pickLocation(input, name, fallback);
  const sdk = sdkLocation(input);
  return {
    sdk,
    spec: pick("spec", () => resolve(sdk.path, "..", "spec")),
    reference: pick("reference", () => resolve(sdk.path, "..", "typescript-sdk")),
    out: pick("out", () => resolve(sdk.path, input.outputFolder)),
  };
}

/**
 * `--spec` may name a draft file instead of the checkout. The checkout is then the folder above
 * `docs/` when the file sits in one (the usual layout), otherwise the file's own folder.
 */
export function specRootForDraftFile(file: string): string {
  const folder = dirname(file);
  return basename(folder) === "docs" ? dirname(folder) : folder;
}

/** How to move a location, for error hints: "pass --spec PATH or set workspace.spec in <config>". */
export function describeLocationFix(name: LocationName, configPath: string | undefined): string {
  const where = configPath ?? "arcp-plan.config.json in the SDK checkout";
  return `pass ${LOCATION_FLAGS[name]} or set workspace.${name} in ${where}`;
}
