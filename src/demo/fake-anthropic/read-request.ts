import type { IncomingMessage } from "node:http";

/** Reading what a client sent, for the fake server's log. Auth header values never leave here. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function loggableHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === "x-api-key" || name === "authorization" || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

export function carriesKey(req: IncomingMessage, key: string): boolean {
  return headerValue(req, "x-api-key") === key || headerValue(req, "authorization") === `Bearer ${key}`;
}
