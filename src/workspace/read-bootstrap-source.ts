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

const BOOTSTRAP_FILE_NAME = "BOOTSTRAP.md";

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
    const text = await readBootstrapText(inCheckout);
    // An empty BOOTSTRAP.md (a placeholder, as in one real SDK) plans nothing: the seed runs instead.
    if (text.trim() !== "") return { path: inCheckout, text, origin: "checkout" };
    passedOver = `${inCheckout} is empty`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No file there, or the SDK path is not a folder (`resolveWorkspace` reports that one itself).
    if (code !== "ENOENT" && code !== "ENOTDIR") {
      throw new ArcpPlanError(
        "workspace",
        `cannot read the SDK's bootstrap ${inCheckout}: ${describe(error)}`,
        {
          hint: "fix the file, or pass --bootstrap FILE (config: pipeline.bootstrap) to run another one",
          cause: error,
        },
      );
    }
  }
  const text = await readBootstrapText(lookup.builtin);
  return { path: lookup.builtin, text, origin: "builtin", ...(passedOver ? { passedOver } : {}) };
}

async function readNamed(path: string, origin: "flag" | "config", what: string): Promise<BootstrapSource> {
  try {
    return { path, text: await readBootstrapText(path), origin };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ArcpPlanError(
      "workspace",
      `bootstrap ${code === "ENOENT" ? "not found" : describe(error)}: ${path} (${what})`,
      {
        hint: "pass --bootstrap FILE (config: pipeline.bootstrap) naming a planning bootstrap such as the SDK's BOOTSTRAP.md",
        cause: error,
      },
    );
  }
}

/**
 * The file as text the compiler and the phase keys agree on: strict UTF-8 (a Latin-1 file would reach
 * the model as replacement characters), no byte-order mark, `\n` line ends (a CRLF checkout must not
 * read as another bootstrap than the LF one).
 */
async function readBootstrapText(path: string): Promise<string> {
  const bytes = await readFile(path);
  const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EISDIR") return "is a folder, expected a file such as <folder>/BOOTSTRAP.md";
  if (error instanceof TypeError) return "is not UTF-8 text";
  return code ?? String(error);
}
