import type { PipelineEvent } from "../pipeline/pipeline-events.js";
import type { CommandContext } from "./command-outcome.js";
import { applyEventToRows, createLiveState, renderLiveTable } from "./render/render-live-table.js";

const REDRAW_MS = 250;

/**
 * The live table, redrawn in place on stderr: every frame first moves the cursor up over the last one
 * and clears to the end of the screen. A warning is printed above the table (the next frame draws
 * below it). `close` draws the final frame and leaves it on screen.
 */
export function createLiveView(
  context: Pick<CommandContext, "stderr" | "columns">,
  maxCost: number | undefined,
): { onEvent(event: PipelineEvent): void; close(): void } {
  const state = createLiveState(maxCost);
  let drawnLines = 0;
  const erase = () => (drawnLines > 0 ? `\x1b[${drawnLines}A\r\x1b[0J` : "");
  const draw = () => {
    const frame = renderLiveTable(state, Date.now(), context.columns ?? 120);
    context.stderr(`${erase()}${frame}\n`);
    drawnLines = frame.split("\n").length;
  };
  const timer = setInterval(draw, REDRAW_MS);
  timer.unref();
  return {
    onEvent: (event) => {
      applyEventToRows(state, event, Date.now());
      if (event.type === "warning") {
        context.stderr(`${erase()}warning: ${event.message}\n`);
        drawnLines = 0;
      }
      if (event.type !== "phase-tool") draw();
    },
    close: () => {
      clearInterval(timer);
      if (state.rows.size > 0) draw();
    },
  };
}
