import { constants } from "node:fs";
import { access, readdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import {
  buildWorkspaceLocations,
  describeLocationFix,
  type Location,
  type LocationName,
  sdkLocation,
  specRootForDraftFile,
} from "./build-workspace-locations.js";
import type { ArcpPlanConfig } from "./config-schema.js";
import { type BootstrapSource, readBootstrapSource } from "./read-bootstrap-source.js";
import { readWorkspaceConfig } from "./read-config-file.js";
import type { WorkspaceRoots } from "./view-path.js";

export interface WorkspaceOptions {
  cwd: string;
  sdk?: string;
  spec?: string;
  reference?: string;
  out?: string;
  config?: string;
  /** `--bootstrap FILE`. */
  bootstrap?: string;
  /** The seed bootstrap the tool ships, used when neither flag, config nor checkout names one. */
  builtinBootstrap: string;
  /**
   * Reads what the bootstrap targets. The caller compiles it: the workspace layer knows where the
   * bootstrap is, not how to read one.
   */
  readTarget: (source: BootstrapSource) => PlanTarget | Promise<PlanTarget>;
}

/** What a bootstrap says the plans are for. */
export interface PlanTarget {
  /** The protocol version the plans target ("1.1"): picks the spec draft that states it. */
  protocolVersion: string;
  /** Where the plans go, relative to the SDK checkout ("planning/v1.1"). */
  outputFolder: string;
}

export interface Workspace {
  roots: WorkspaceRoots;
  outDir: string;
  configPath: string | undefined;
  config: ArcpPlanConfig;
  /** Set when --spec or workspace.spec named a draft file rather than the spec checkout. */
  specFile: string | undefined;
  /** The planning bootstrap in force. */
  bootstrap: BootstrapSource;
  /** The protocol version the bootstrap targets. */
  protocolVersion: string;
}

const PART_LABELS: Record<Exclude<LocationName, "out">, string> = {
  sdk: "SDK checkout",
  spec: "spec",
  reference: "TypeScript reference",
};

/**
 * Finds the three workspace parts, the bootstrap and the output folder (the bootstrap's, unless
 * `--out` or `workspace.out` moves it). The config file is looked for in the SDK
 * checkout named by `--sdk` (or the current directory) unless `--config` names one. Every missing or
 * unreadable part is reported in one `workspace` error, each naming the path tried and how to move it.
 */
export async function resolveWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const { config, configPath, configDir } = await readWorkspaceConfig(options);
  const locationInput = {
    cwd: options.cwd,
    flags: { sdk: options.sdk, spec: options.spec, reference: options.reference, out: options.out },
    config: config.workspace,
    configDir,
  };
  const bootstrap = await readBootstrapSource({
    cwd: options.cwd,
    flag: options.bootstrap,
    configured: config.pipeline?.bootstrap,
    configDir,
    sdkRoot: sdkLocation(locationInput).path,
    builtin: options.builtinBootstrap,
  });
  const target = await options.readTarget(bootstrap);
  const locations = buildWorkspaceLocations({ ...locationInput, outputFolder: target.outputFolder });

  const problems: { text: string; fix: string }[] = [];
  const check = async (name: Exclude<LocationName, "out">, allowFile: boolean) => {
    const problem = await checkPart(locations[name], allowFile);
    if (problem !== undefined) {
      problems.push({
        text: `${PART_LABELS[name]} ${problem}: ${locations[name].path} (${describeSource(name, locations[name], configPath)})`,
        fix: describeLocationFix(name, configPath),
      });
    }
  };
  await check("sdk", false);
  // Defaults hang off the SDK checkout: when it is missing, their absence says nothing new.
  const sdkMissing = problems.length > 0;
  if (!sdkMissing || locations.spec.source !== "default") await check("spec", true);
  if (!sdkMissing || locations.reference.source !== "default") await check("reference", false);
  if (problems.length === 1) {
    throw new ArcpPlanError("workspace", problems[0]!.text, { hint: problems[0]!.fix });
  }
  if (problems.length > 1) {
    throw new ArcpPlanError("workspace", `${problems.length} workspace parts are missing or unreadable`, {
      details: problems.map((p) => `${p.text}; ${p.fix}`),
      hint: "run from the SDK checkout with ../spec and ../typescript-sdk beside it, or move each part by flag or config",
    });
  }

  const spec = await specRootOf(locations.spec.path);
  return {
    roots: { sdk: locations.sdk.path, spec: spec.root, reference: locations.reference.path },
    outDir: locations.out.path,
    configPath,
    config,
    specFile: spec.file,
    bootstrap,
    protocolVersion: target.protocolVersion,
  };
}

/**
 * The spec checkout a `--spec` path stands for. A draft file stands for the checkout around it: the
 * folder above its `docs/`, or its own folder when that is a git checkout. Any other folder (a
 * download folder, /tmp) would be walked whole as "the spec" and opened to the model's tools: refused.
 */
async function specRootOf(path: string): Promise<{ root: string; file?: string }> {
  if (!(await stat(path)).isFile()) return { root: path };
  const root = specRootForDraftFile(path);
  const inDocs = basename(dirname(path)) === "docs";
  if (!inDocs && !(await stat(join(root, ".git")).catch(() => undefined))) {
    throw new ArcpPlanError(
      "workspace",
      `the spec draft ${path} is not inside a spec checkout: its folder is neither a docs/ folder nor a git checkout, and all of ${root} would be read as the spec`,
      {
        hint: "pass the spec checkout (the folder holding docs/draft-arcp-*.md) with --spec DIR, or put the draft in a docs/ folder",
      },
    );
  }
  return { root, file: path };
}

/** Returns what is wrong with a part ("not found", "is not a folder", "is not readable") or undefined. */
async function checkPart(location: Location, allowFile: boolean): Promise<string | undefined> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(location.path)).isDirectory();
  } catch {
    return "not found";
  }
  try {
    if (isDirectory) await readdir(location.path);
    else if (allowFile) await access(location.path, constants.R_OK);
    else return "is not a folder";
  } catch {
    return "is not readable";
  }
  return undefined;
}

function describeSource(name: LocationName, location: Location, configPath: string | undefined): string {
  if (location.source === "flag") return `from ${name === "sdk" ? "--sdk" : `--${name}`}`;
  if (location.source === "config") return `from workspace.${name} in ${configPath}`;
  return name === "sdk" ? "default: the current directory" : "default: beside the SDK checkout";
}
