import type { PipelineEvent } from "../pipeline/pipeline-events.js";
import type { CommandContext } from "./command-outcome.js";
import { applyEventToRows, type LiveRow, renderLiveTable } from "./render/render-live-table.js";
import { renderRunEvent } from "./render/render-run-event.js";

export interface ProgressReporter {
  onEvent(event: PipelineEvent): void;
  /** Stops redrawing and leaves the last frame on screen. */
  close(): void;
}

const REDRAW_MS = 250;

/**
 * Picks the progress view: NDJSON events on stdout with `--json`; a live table redrawn in place on a
 * terminal; otherwise (CI, pipes) one line per event naming the phase.
 */
export function createProgressReporter(
  context: Pick<CommandContext, "isTTY" | "progress" | "output" | "columns">,
  json: boolean,
): ProgressReporter {
  if (json) {
    return { onEvent: (event) => context.output(`${JSON.stringify(event)}\n`), close: () => {} };
  }
  if (!context.isTTY) {
    return {
      onEvent: (event) => {
        const line = renderRunEvent(event);
        if (line) context.progress(`${line}\n`);
      },
      close: () => {},
    };
  }
  const rows = new Map<string, LiveRow>();
  let drawnLines = 0;
  const draw = () => {
    const frame = renderLiveTable(rows.values(), Date.now(), context.columns ?? 100);
    const erase = drawnLines > 0 ? `\x1b[${drawnLines}A\r\x1b[0J` : "";
    context.progress(`${erase}${frame}\n`);
    drawnLines = frame.split("\n").length;
  };
  const timer = setInterval(draw, REDRAW_MS);
  timer.unref();
  return {
    onEvent: (event) => {
      applyEventToRows(rows, event, Date.now());
      if (event.type === "warning") {
        const erase = drawnLines > 0 ? `\x1b[${drawnLines}A\r\x1b[0J` : "";
        context.progress(`${erase}warning: ${event.message}\n`);
        drawnLines = 0;
      }
      if (event.type !== "phase-tool") draw();
    },
    close: () => {
      clearInterval(timer);
      if (rows.size > 0) draw();
    },
  };
}
