import { cp, mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { startDemoServer } from "../../demo/start-demo-server.js";
import { ArcpPlanError } from "../../errors/arcp-plan-error.js";
import { builtinBootstrapPath, prepareBootstrap } from "../../pipeline/compile-bootstrap-source.js";
import { packageFolder } from "../../pipeline/package-folder.js";
import { RUN_RECORD_FILE, runStateDir } from "../../pipeline/run-record.js";
import type { CommandContext, CommandOutcome } from "../command-outcome.js";
import type { ProgressMode } from "../progress-mode.js";
import { runCommand } from "./run.js";

export interface DemoOptions {
  out?: string;
  progress?: ProgressMode;
}

export const DEFAULT_DEMO_FOLDER = "arcp-plan-demo";
/** Not a key: the local server accepts any, and the user's own key is never read. */
const DEMO_KEY = "sk-ant-demo-not-a-real-key";

/**
 * `arcp-plan demo`: copies the shipped fixture workspace to a new folder and runs the real `run`
 * against a local model server that answers with canned plans. No key, no network.
 */
export async function demoCommand(options: DemoOptions & CommandContext): Promise<CommandOutcome> {
  const target = resolve(options.cwd, options.out ?? DEFAULT_DEMO_FOLDER);
  const shown = relative(options.cwd, target) || ".";
  const fixture = packageFolder(join("fixtures", "workspace"));
  // The sample SDK has no BOOTSTRAP.md: it runs the seed, whose table names the plans' folder. The
  // fixture keeps its sample plans there: the demo's canned answers, removed from the copy.
  const seed = builtinBootstrapPath();
  const { outputFolder } = await prepareBootstrap({ path: seed, text: await readFile(seed, "utf8") });
  const plansFolder = join("python-sdk", outputFolder.value);
  const plans = await readCannedPlans(join(fixture, plansFolder));
  await copyFixture(fixture, target, shown, plansFolder);

  const server = await startDemoServer(plans);
  try {
    options.stderr(
      `demo: a local model server on ${server.url} answers with canned plans written for this sample workspace;\n` +
        "demo: no request leaves this machine and no API key is read or needed.\n" +
        `demo: workspace copied to ${shown}/ (python-sdk, spec, typescript-sdk); running 'arcp-plan run' in ${shown}/python-sdk\n\n`,
    );
    // Only the context and --progress pass through: the demo's --out names the workspace, not the plans.
    const { out: _workspace, ...context } = options;
    const outcome = await runCommand({
      ...context,
      cwd: join(target, "python-sdk"),
      env: demoEnv(options.env, server.url),
    });
    const planDir = join(shown, plansFolder);
    const record = relative(options.cwd, join(runStateDir(join(target, plansFolder)), RUN_RECORD_FILE));
    return {
      ...outcome,
      stdout:
        `${outcome.stdout}\n` +
        `demo: those answers were canned (${server.requests.length} requests, all to ${server.url}); nothing left this machine.\n` +
        "demo: the cost above is what the same tokens would cost at list prices; nothing was billed.\n" +
        `demo: plans in ${planDir}/, run record in ${record}\n` +
        `demo: next, 'cd ${join(shown, "python-sdk")}' and try 'arcp-plan status' or 'arcp-plan lint'.\n` +
        "demo: for a real run, in your own SDK checkout: 'arcp-plan run --dry-run' (the estimate, no key needed), then 'arcp-plan run' with ANTHROPIC_API_KEY set.\n",
    };
  } catch (error) {
    // Stopped (Ctrl-C) or failed: still say what was behind the answers before main reports the error.
    options.stderr(
      `\ndemo: the answers so far were canned (${server.requests.length} requests, all to ${server.url}); nothing left this machine.\n`,
    );
    throw error;
  } finally {
    await server.close();
  }
}

/** The user's environment without anything Anthropic (their key, their base URL), pointed at the server. */
function demoEnv(env: NodeJS.ProcessEnv, url: string): NodeJS.ProcessEnv {
  const kept = Object.entries(env).filter(([name]) => !name.startsWith("ANTHROPIC_"));
  return { ...Object.fromEntries(kept), ANTHROPIC_API_KEY: DEMO_KEY, ANTHROPIC_BASE_URL: url };
}

async function readCannedPlans(dir: string): Promise<Map<string, string>> {
  const plans = new Map<string, string>();
  for (const name of (await readdir(dir)).filter((n) => n.endsWith(".md")).sort()) {
    plans.set(name.replace(/\.md$/, ""), await readFile(join(dir, name), "utf8"));
  }
  return plans;
}

/** Copies the fixture into a new or empty folder, without its plans; a failed copy leaves nothing behind. */
async function copyFixture(
  fixture: string,
  target: string,
  shown: string,
  plansFolder: string,
): Promise<void> {
  const existing = await stat(target).catch(() => undefined);
  if (existing && (!existing.isDirectory() || (await readdir(target)).length > 0)) {
    throw new ArcpPlanError("usage", `${shown} already exists and is not an empty folder`, {
      hint: `the demo never writes over files: remove it, or pass --out <new folder>`,
    });
  }
  try {
    await mkdir(target, { recursive: true });
    await cp(fixture, target, { recursive: true });
    await rm(join(target, plansFolder), { recursive: true, force: true });
    await mkdir(join(target, plansFolder), { recursive: true });
  } catch (error) {
    await rm(target, { recursive: true, force: true });
    throw new ArcpPlanError(
      "workspace",
      `could not copy the sample workspace to ${shown}: ${String(error)}`,
      {
        hint: "check that the folder is writable, or pass --out <folder>",
        cause: error,
      },
    );
  }
}
