import type { Sourced, WorkspaceClaims } from "./compiled-bootstrap.js";

/** "the 18 examples", "18 TS examples": the number of reference examples the bootstrap expects. */
const EXAMPLE_COUNT = /\b(\d{1,3})\s+(?:TS\s+|TypeScript\s+|reference\s+)?examples\b/i;
/** `packages/middleware/{node,express,…}`: the host adapters the bootstrap names. */
const MIDDLEWARE = /packages\/middleware\/\{([^}`]+)\}/;

/**
 * What the bootstrap asserts about the workspace, so `doctor` can report drift between the two
 * instead of trusting either (the reference may hold 22 examples where the bootstrap says 18). Pure:
 * the first statement of each, with its line. A claim the bootstrap does not make stays undefined.
 */
export function parseWorkspaceClaims(text: string): WorkspaceClaims {
  const count = firstMatch(text, EXAMPLE_COUNT);
  const middleware = firstMatch(text, MIDDLEWARE);
  return {
    exampleCount: count && { value: Number(count.match[1]), line: count.line },
    middleware: middleware && {
      value: middleware.match[1]!.split(",")
        .map((name) => name.trim())
        .filter(Boolean),
      line: middleware.line,
    },
  };
}

function firstMatch(text: string, pattern: RegExp): (Sourced<null> & { match: RegExpExecArray }) | undefined {
  const lines = text.split("\n");
  for (const [index, line] of lines.entries()) {
    const match = pattern.exec(line);
    if (match) return { value: null, line: index + 1, match };
  }
  return undefined;
}
