import { availableParallelism } from "node:os";
import { basename, dirname, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import type { PlanHeading } from "../../lint/lint-context.js";
import type { LintReport } from "../../lint/lint-markdown.js";
import { fromMessageData } from "../../lint/lint-message.js";
import { loadLintEnvironment } from "../../pipeline/load-lint-context.js";
import type { Workspace } from "../../workspace/resolve-workspace.js";
import type { LintWorkerReply, LintWorkerRequest } from "./lint-worker.js";
import { toPortableLintEnvironment } from "./portable-lint-environment.js";

/** Below this many files, starting threads costs more than it saves. */
export const PARALLEL_LINT_MIN_FILES = 8;

/**
 * Plans of the output folder among `files`, keyed by file name, with their headings: the sibling
 * headings the environment would otherwise read and parse a second time.
 */
export function headingsInFolder(
  folder: string,
  files: readonly string[],
  headings: readonly (readonly PlanHeading[])[],
): Map<string, readonly PlanHeading[]> {
  const known = new Map<string, readonly PlanHeading[]>();
  files.forEach((file, index) => {
    if (dirname(resolve(file)) === resolve(folder)) known.set(basename(file), headings[index]!);
  });
  return known;
}

/**
 * Lints `files` (absolute paths, `texts` their contents) on one worker thread per core. The main thread
 * loads the workspace context while the workers parse their share; reports come back in file order
 * and equal what `lintDocument` gives on one thread.
 */
export async function lintInWorkers(
  workspace: Workspace,
  files: readonly string[],
  texts: readonly string[],
  signal: AbortSignal,
): Promise<LintReport[]> {
  const shares = splitBySize(texts, Math.min(availableParallelism(), files.length));
  const workers = shares.map(() => startWorker());
  const stop = () => {
    for (const worker of workers) void worker.terminate();
  };
  signal.addEventListener("abort", stop, { once: true });
  try {
    const parsed = Promise.all(
      workers.map((worker, index) =>
        request(worker, { type: "parse", texts: shares[index]!.map((file) => texts[file]!) }),
      ),
    );
    const headings: PlanHeading[][] = new Array(files.length);
    const knownHeadings = parsed.then((replies) => {
      replies.forEach((reply, index) => {
        if (reply.type !== "parsed") throw new Error(`lint worker: unexpected ${reply.type} reply`);
        shares[index]!.forEach((file, position) => {
          headings[file] = reply.headings[position]!;
        });
      });
      return headingsInFolder(workspace.outDir, files, headings);
    });
    // Awaited below; if loading the environment fails first, this must not surface as unhandled.
    knownHeadings.catch(() => undefined);
    const environment = toPortableLintEnvironment(await loadLintEnvironment(workspace, { knownHeadings }));
    await knownHeadings;
    const linted = await Promise.all(
      workers.map((worker, index) =>
        request(worker, { type: "lint", environment, files: shares[index]!.map((file) => files[file]!) }),
      ),
    );
    const reports: LintReport[] = new Array(files.length);
    linted.forEach((reply, index) => {
      if (reply.type !== "linted") throw new Error(`lint worker: unexpected ${reply.type} reply`);
      shares[index]!.forEach((file, position) => {
        const report = reply.reports[position]!;
        reports[file] = { ...report, messages: report.messages.map(fromMessageData) };
      });
    });
    return reports;
  } catch (error) {
    signal.throwIfAborted();
    throw error;
  } finally {
    signal.removeEventListener("abort", stop);
    stop();
  }
}

/**
 * The worker entry beside this module: `lint-worker.js` in `dist/`. Under tsx or vitest this module is
 * TypeScript, and a two-line bootstrap loads `lint-worker.ts` through tsx's API instead.
 */
function startWorker(): Worker {
  // Parsing allocates many short-lived objects. V8 sizes the young generation at three semi-spaces;
  // 192 MB gives 64 MB semi-spaces (node's --max-semi-space-size=64), which cut GC time by a third.
  const options = { resourceLimits: { maxYoungGenerationSizeMb: 192 } };
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./lint-worker.js", import.meta.url), options);
  const entry = new URL("./lint-worker.ts", import.meta.url).href;
  const api = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** One request, one reply; rejects if the worker fails or exits first. */
function request(worker: Worker, message: LintWorkerRequest): Promise<LintWorkerReply> {
  return new Promise((resolvePromise, reject) => {
    const onMessage = (reply: LintWorkerReply) => {
      cleanup();
      resolvePromise(reply);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`lint worker exited (code ${code}) before answering`));
    };
    const cleanup = () => {
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
    };
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    worker.postMessage(message);
  });
}

/** File indexes per worker, largest files first to the least loaded worker, each share in file order. */
function splitBySize(texts: readonly string[], count: number): number[][] {
  const shares: number[][] = Array.from({ length: count }, () => []);
  const loads: number[] = new Array(count).fill(0);
  const bySize = texts.map((_, index) => index).sort((a, b) => texts[b]!.length - texts[a]!.length || a - b);
  for (const file of bySize) {
    const target = loads.indexOf(Math.min(...loads));
    shares[target]!.push(file);
    loads[target]! += texts[file]!.length;
  }
  return shares.map((share) => share.sort((a, b) => a - b));
}
