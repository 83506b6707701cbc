import { CommanderError } from "commander";
import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import type { CommandContext, CommandOutcome } from "./command-outcome.js";
import { ExitCode, exitCodeForError, exitCodeForOutcome, formatError } from "./exit-code.js";
import { buildProgram } from "./program.js";

export interface MainIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  columns: number | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const processIo: MainIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // Live views draw on stderr, so stderr being a terminal is what matters.
  isTTY: Boolean(process.stderr.isTTY),
  columns: process.stderr.columns,
  env: process.env,
  cwd: process.cwd(),
};

/** The only place that turns outcomes and errors into exit codes. */
export async function main(argv: readonly string[], io: MainIo = processIo): Promise<number> {
  const controller = new AbortController();
  const onSignal = (signal: "SIGINT" | "SIGTERM") => {
    if (controller.signal.aborted) {
      // A second Ctrl-C means "now": skip the orderly shutdown.
      process.exit(signal === "SIGTERM" ? ExitCode.terminated : ExitCode.interrupted);
    }
    io.stderr(`arcp-plan: ${signal} received, stopping (press Ctrl-C again to quit at once)\n`);
    controller.abort(new ArcpPlanError("interrupted", `interrupted by ${signal}`, { signal }));
  };
  const sigint = () => onSignal("SIGINT");
  const sigterm = () => onSignal("SIGTERM");
  process.on("SIGINT", sigint);
  process.on("SIGTERM", sigterm);

  const context: CommandContext = {
    cwd: io.cwd,
    env: io.env,
    signal: controller.signal,
    isTTY: io.isTTY,
    stderr: (text) => io.stderr(text),
    output: (text) => io.stdout(text),
    columns: io.columns,
  };
  let outcome: CommandOutcome | undefined;
  const program = buildProgram(context, (result) => {
    outcome = result;
  });
  program.configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  try {
    await program.parseAsync([...argv], { from: "user" });
    if (!outcome) return ExitCode.ok;
    if (outcome.stdout) io.stdout(outcome.stdout);
    if (outcome.stderr) io.stderr(outcome.stderr);
    return exitCodeForOutcome(outcome);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message; help and version are successes.
      const benign = ["commander.helpDisplayed", "commander.version", "commander.help"];
      return benign.includes(error.code) ? ExitCode.ok : ExitCode.couldNotRun;
    }
    io.stderr(formatError(controller.signal.aborted ? (controller.signal.reason ?? error) : error));
    return exitCodeForError(controller.signal.aborted ? controller.signal.reason : error);
  } finally {
    process.off("SIGINT", sigint);
    process.off("SIGTERM", sigterm);
  }
}
