import { createHash } from "node:crypto";

/**
 * Simulates prompt caching from the request's `cache_control` breakpoints, as the API documents it:
 * the prefix up to and including a breakpoint block (tools, then system, then messages, plus the
 * model) is written by the request that first carries it, and becomes readable to later requests
 * only once a response for it has begun. Lookup happens when a request arrives, so a concurrent
 * cold request writes instead of reading. What is written up to a breakpoint marked `ttl: "1h"` is
 * reported as a 1-hour write, the rest as 5-minute writes (`usage.cache_creation`). Entries do not
 * expire here: a test runs well within five minutes. Tokens are estimated as characters / 4.
 */
export interface CacheUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

export interface CachePlan {
  usage: CacheUsage;
  /** Prefix keys this request writes once its response begins. */
  writes: string[];
  /** All prompt tokens, however billed. */
  promptTokens: number;
}

interface Breakpoint {
  key: string;
  tokens: number;
  ttl: "5m" | "1h";
}

export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

export class PromptCacheSimulator {
  readonly #readable = new Set<string>();

  constructor(private readonly minCacheableTokens = 0) {}

  /** Decides the request's usage from what is readable now. */
  plan(body: Record<string, unknown>): CachePlan {
    const { breakpoints, totalTokens } = findBreakpoints(body);
    const eligible = breakpoints.filter((b) => b.tokens >= this.minCacheableTokens && b.tokens > 0);
    const hit = [...eligible].reverse().find((b) => this.#readable.has(b.key));
    const read = hit?.tokens ?? 0;
    const written = { "5m": 0, "1h": 0 };
    let covered = read;
    for (const breakpoint of eligible) {
      if (breakpoint.tokens <= covered) continue;
      written[breakpoint.ttl] += breakpoint.tokens - covered;
      covered = breakpoint.tokens;
    }
    const write = written["5m"] + written["1h"];
    return {
      usage: {
        input_tokens: Math.max(totalTokens - read - write, 0),
        cache_creation_input_tokens: write,
        cache_read_input_tokens: read,
        cache_creation: {
          ephemeral_5m_input_tokens: written["5m"],
          ephemeral_1h_input_tokens: written["1h"],
        },
      },
      writes: eligible.map((b) => b.key),
      promptTokens: totalTokens,
    };
  }

  /** Called when the response's first event goes out. */
  commit(plan: CachePlan): void {
    for (const key of plan.writes) this.#readable.add(key);
  }

  clear(): void {
    this.#readable.clear();
  }
}

function findBreakpoints(body: Record<string, unknown>): { breakpoints: Breakpoint[]; totalTokens: number } {
  const hash = createHash("sha256");
  hash.update(`model:${String(body.model)}\n`);
  let chars = 0;
  const breakpoints: Breakpoint[] = [];
  const visit = (unit: unknown, section: string) => {
    const { text, ttl } = serializeUnit(unit);
    chars += text.length;
    hash.update(`${section}:${text}\n`);
    if (ttl) breakpoints.push({ key: hash.copy().digest("hex"), tokens: estimateTokens(chars), ttl });
  };
  for (const tool of asArray(body.tools)) visit(tool, "tool");
  const system = body.system;
  if (typeof system === "string") visit({ type: "text", text: system }, "system");
  else for (const block of asArray(system)) visit(block, "system");
  for (const message of asArray(body.messages)) {
    const { role, content } = (message ?? {}) as { role?: unknown; content?: unknown };
    if (typeof content === "string") visit({ type: "text", text: content }, String(role));
    else for (const block of asArray(content)) visit(block, String(role));
  }
  return { breakpoints, totalTokens: estimateTokens(chars) };
}

/**
 * Text blocks count their text; other blocks their JSON, without the fields the API adds to what it
 * sends (`citations`, `caller`), so a block sent back counts as it was sent. `cache_control` is not
 * part of the identity; its `ttl` is returned when the block carries one.
 */
function serializeUnit(unit: unknown): { text: string; ttl?: "5m" | "1h" } {
  if (unit === null || typeof unit !== "object") return { text: JSON.stringify(unit) ?? "" };
  const { cache_control, citations: _c, caller: _k, ...rest } = unit as Record<string, unknown>;
  const text = rest.type === "text" && typeof rest.text === "string" ? rest.text : JSON.stringify(rest);
  if (cache_control === undefined || cache_control === null) return { text };
  return { text, ttl: (cache_control as { ttl?: string }).ttl === "1h" ? "1h" : "5m" };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
