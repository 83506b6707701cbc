import type { PipelineEvent, RunSummary } from "../../src/pipeline/pipeline-events.js";

/** The events of a `run --json` (one JSON object per line of stdout). */
export function parseRunEvents(stdout: string): PipelineEvent[] {
  return stdout
    .trim()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as PipelineEvent);
}

/** The summary of the `run-end` event; throws when the run printed none. */
export function runEndSummary(stdout: string): RunSummary {
  const end = parseRunEvents(stdout).findLast((event) => event.type === "run-end");
  if (end?.type !== "run-end") throw new Error("no run-end event in the --json output");
  return end.summary;
}
