/**
 * What every command returns. Commands never print and never exit: they return text for stdout
 * and whether they found problems; `main.ts` writes it and picks the exit code.
 */
export interface CommandOutcome {
  /** Rendered output for stdout (already formatted as human text, JSON, annotations ...). */
  stdout: string;
  /** Lines for stderr (warnings that are not the command's product). */
  stderr?: string;
  /** `problems`: the command ran and found something wrong (lint errors, failed checks, failed phase). */
  status: "ok" | "problems";
}

/** Options every command accepts so tests can run it in-process against any folder. */
export interface CommandContext {
  /** Working directory the command resolves relative paths against. */
  cwd: string;
  /** Environment (API key, base URL); defaults to process.env in main. */
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT / SIGTERM. */
  signal: AbortSignal;
  /** Whether stderr is a terminal (live views) or a pipe/CI (one line per event). */
  isTTY: boolean;
  /** Streaming stderr, for progress while a command runs; receives whole lines or terminal frames. */
  stderr: (text: string) => void;
  /** Streaming stdout, for output that must appear while a command runs (`run --json` events). */
  output: (text: string) => void;
  /** Terminal width for live views; undefined when not a terminal. */
  columns: number | undefined;
}
