import type { ChildProcess } from "node:child_process";
import type { FakeAnthropicServer } from "./fake-anthropic-server.js";
import type { PipelineWorkspace } from "./pipeline-workspace.js";
import type { CliResult } from "./run-cli.js";
import { waitFor } from "./wait-for.js";

export interface InterruptOptions {
  server: FakeAnthropicServer;
  signal: "SIGINT" | "SIGTERM";
  /** What must be true (in the server log, on disk) before the signal is sent. */
  when: () => Promise<boolean> | boolean;
  /** Describes `when` for a timeout message. */
  what: string;
  args?: string[];
  /**
   * Safety net, not a timing assertion: a CLI still running this long after the signal is killed
   * and the test fails saying so.
   */
  exitDeadlineMs?: number;
}

/** Starts `arcp-plan run` in the workspace, sends `signal` once `when` holds, and returns the result. */
export async function runAndInterrupt(
  workspace: PipelineWorkspace,
  options: InterruptOptions,
): Promise<CliResult> {
  let child: ChildProcess | undefined;
  const running = workspace.run(options.args ?? ["run"], {
    server: options.server,
    onSpawn: (spawned) => {
      child = spawned;
    },
  });
  let exited = false;
  void running.then(() => {
    exited = true;
  });
  await waitFor(options.what, async () => {
    if (exited) throw new Error(`the run ended before ${options.what}: ${(await running).stderr}`);
    return options.when();
  });
  child!.kill(options.signal);
  const deadline = options.exitDeadlineMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child?.kill("SIGKILL");
      reject(new Error(`the CLI did not exit within ${deadline} ms of ${options.signal}`));
    }, deadline);
  });
  try {
    return await Promise.race([running, hung]);
  } finally {
    clearTimeout(timer);
  }
}
