import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ArcpPlanError } from "../errors/arcp-plan-error.js";

/** The planning bootstrap a command runs, and where it was found. */
export interface BootstrapSource {
  /** Absolute path. */
  path: string;
  text: string;
  /** `checkout`: `BOOTSTRAP.md` at the SDK checkout's root; `builtin`: the seed the tool ships. */
  origin: "flag" | "config" | "checkout" | "builtin";
  /** Why a checkout's own file was passed over (it is empty), for `doctor`. */
  passedOver?: string;
}

export const BOOTSTRAP_FILE_NAME = "BOOTSTRAP.md";

export interface BootstrapLookup {
  cwd: string;
  /** `--bootstrap FILE`, relative to `cwd`. */
  flag: string | undefined;
  /** Config `pipeline.bootstrap`, relative to the config file's folder. */
  configured: string | undefined;
  configDir: string | undefined;
  sdkRoot: string;
  /** The seed bootstrap the tool ships: used when nothing else names one. */
  builtin: string;
}

/**
 * Precedence: `--bootstrap`, then config `pipeline.bootstrap`, then `BOOTSTRAP.md` in the SDK
 * checkout, then the built-in seed. A file named by flag or config that cannot be read is an error
 * (the user asked for it); a checkout without `BOOTSTRAP.md`, or with an empty one, falls through to the
 * seed.
 */
export async function readBootstrapSource(lookup: BootstrapLookup): Promise<BootstrapSource> {
  if (lookup.flag !== undefined && lookup.flag !== "") {
    return readNamed(resolve(lookup.cwd, lookup.flag), "flag", "the file named by --bootstrap");
  }
  if (lookup.configured !== undefined) {
    const path = resolve(lookup.configDir ?? lookup.cwd, lookup.configured);
    return readNamed(path, "config", "the file named by pipeline.bootstrap in the config");
  }
  const inCheckout = join(lookup.sdkRoot, BOOTSTRAP_FILE_NAME);
  let passedOver: string | undefined;
  try {
    const text = await readFile(inCheckout, "utf8");
    // An empty BOOTSTRAP.md (a placeholder, as in one real SDK) plans nothing: the seed runs instead.
    if (text.trim() !== "") return { path: inCheckout, text, origin: "checkout" };
    passedOver = `${inCheckout} is empty`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No file there, or the SDK path is not a folder (`resolveWorkspace` reports that one itself).
    if (code !== "ENOENT" && code !== "ENOTDIR") {
      throw new ArcpPlanError(
        "workspace",
        `cannot read the SDK's bootstrap ${inCheckout}: ${code ?? error}`,
        {
          hint: "make it a readable file, or pass --bootstrap FILE (config: pipeline.bootstrap) to use another",
          cause: error,
        },
      );
    }
  }
  const text = await readFile(lookup.builtin, "utf8");
  return { path: lookup.builtin, text, origin: "builtin", ...(passedOver ? { passedOver } : {}) };
}

async function readNamed(path: string, origin: "flag" | "config", what: string): Promise<BootstrapSource> {
  try {
    return { path, text: await readFile(path, "utf8"), origin };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ArcpPlanError(
      "workspace",
      `bootstrap ${code === "ENOENT" ? "not found" : "not readable"}: ${path} (${what})`,
      {
        hint: "pass --bootstrap FILE (config: pipeline.bootstrap) naming a planning bootstrap such as the SDK's BOOTSTRAP.md",
        cause: error,
      },
    );
  }
}
