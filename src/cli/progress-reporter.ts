import type { PipelineEvent } from "../pipeline/pipeline-events.js";
import type { CommandContext } from "./command-outcome.js";
import { createLiveView } from "./live-view.js";
import type { ProgressMode } from "./progress-mode.js";
import { renderRunEvent } from "./render/render-run-event.js";

export interface ProgressReporter {
  onEvent(event: PipelineEvent): void;
  /** Stops redrawing and leaves the last frame on screen. */
  close(): void;
}

export interface ProgressOptions {
  /** The view on stderr (see `chooseProgressMode`). */
  mode: ProgressMode;
  /** `--json`: every event as one JSON line on stdout as well, for a program to read. */
  json: boolean;
  /** `--max-cost`, shown in the live view's header. */
  maxCost: number | undefined;
}

/**
 * Sends each pipeline event to the views asked for: NDJSON on stdout with `--json`, and on stderr the
 * live table, one line per event naming the phase, NDJSON, or nothing.
 */
export function createProgressReporter(
  context: Pick<CommandContext, "stderr" | "output" | "columns">,
  options: ProgressOptions,
): ProgressReporter {
  const views: ProgressReporter[] = [];
  const ndjson = (write: (text: string) => void): ProgressReporter => ({
    onEvent: (event) => write(`${JSON.stringify(event)}\n`),
    close: () => {},
  });
  if (options.json) views.push(ndjson(context.output));
  if (options.mode === "json") views.push(ndjson(context.stderr));
  if (options.mode === "lines") {
    views.push({
      onEvent: (event) => {
        const line = renderRunEvent(event);
        if (line) context.stderr(`${line}\n`);
      },
      close: () => {},
    });
  }
  if (options.mode === "live") views.push(createLiveView(context, options.maxCost));
  return {
    onEvent: (event) => {
      for (const view of views) view.onEvent(event);
    },
    close: () => {
      for (const view of views) view.close();
    },
  };
}
