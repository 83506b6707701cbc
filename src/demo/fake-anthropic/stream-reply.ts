import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { SseEvent } from "./build-reply-events.js";
import type { Fault, Latency } from "./fake-reply.js";

export type StreamEnd =
  | "ok"
  | "client-closed"
  | "fault:error-event"
  | "fault:stall"
  | "fault:drop"
  | "fault:truncate";

export interface StreamPlan {
  events: SseEvent[];
  latency: Latency;
  fault: Exclude<Fault, { kind: "http" }> | undefined;
  requestId: string;
  /** Called just before the first event goes out (the cache entry becomes readable). */
  onFirstEvent: () => void;
}

/**
 * Streams a reply as server-sent events with its latency and fault, until done or the client goes
 * away. During pauses after `message_start`, `ping` events go out every `latency.pingIntervalMs`.
 */
export async function streamReply(res: ServerResponse, plan: StreamPlan): Promise<StreamEnd> {
  const { latency, fault } = plan;
  let closed = false;
  // Aborted when the client goes away, so a long pause (latency, stall) ends at once and the log
  // shows `client-closed` promptly instead of after the pause.
  const closing = new AbortController();
  const closedPromise = new Promise<void>((resolve) => {
    res.on("close", () => {
      closed = true;
      closing.abort();
      resolve();
    });
  });
  const pause = async (ms: number | undefined, pings: boolean) => {
    const every = pings ? latency.pingIntervalMs : undefined;
    let left = ms ?? 0;
    while (left > 0 && !closing.signal.aborted) {
      const step = every !== undefined && every > 0 ? Math.min(every, left) : left;
      await sleep(step, undefined, { signal: closing.signal }).catch(() => undefined);
      left -= step;
      if (left > 0 && every !== undefined && !closed)
        writeEvent(res, { event: "ping", data: { type: "ping" } });
    }
  };

  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
    "request-id": plan.requestId,
  });
  res.flushHeaders();
  const limit = fault === undefined ? Number.POSITIVE_INFINITY : (fault.afterEvents ?? 3);
  for (const [i, event] of plan.events.entries()) {
    if (i === 0) await pause(latency.firstEventMs, false);
    else await pause((latency.betweenEventsMs ?? 0) + (i === 1 ? (latency.contentAfterMs ?? 0) : 0), true);
    if (closed) return "client-closed";
    if (i >= limit && fault !== undefined) {
      if (fault.kind === "error-event") {
        const error = { type: fault.errorType ?? "overloaded_error", message: fault.message ?? "Overloaded" };
        writeEvent(res, { event: "error", data: { type: "error", error, request_id: plan.requestId } });
        res.end();
        return "fault:error-event";
      }
      if (fault.kind === "stall") {
        await closedPromise;
        return "fault:stall";
      }
      if (fault.kind === "drop") {
        res.socket?.destroy();
        return "fault:drop";
      }
      res.end();
      return "fault:truncate";
    }
    if (i === 0) plan.onFirstEvent();
    writeEvent(res, event);
  }
  res.end();
  return "ok";
}

/** Zero means no timer at all, so unpaced replies go out as fast as the socket allows. */
export async function pauseUnlessClosed(ms: number | undefined, closed: AbortSignal): Promise<void> {
  if (ms === undefined || ms <= 0 || closed.aborted) return;
  await sleep(ms, undefined, { signal: closed }).catch(() => undefined);
}

function writeEvent(res: ServerResponse, event: SseEvent): void {
  res.write(`event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
}
