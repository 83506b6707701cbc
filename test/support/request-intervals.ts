import type { RecordedRequest } from "./fake-anthropic-server.js";

/**
 * The largest number of requests the server was serving at the same moment, from arrival to end.
 * An interval ending exactly when another starts does not overlap it.
 */
export function maxInFlight(requests: readonly RecordedRequest[]): number {
  const edges = requests.flatMap((request) => [
    { at: request.arrivedAtMs, delta: 1 },
    { at: request.endedAtMs ?? Number.POSITIVE_INFINITY, delta: -1 },
  ]);
  // Ends before starts at the same instant.
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let max = 0;
  for (const edge of edges) {
    current += edge.delta;
    max = Math.max(max, current);
  }
  return max;
}
