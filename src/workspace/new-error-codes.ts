import { readFile } from "node:fs/promises";
import type { SpecDrafts } from "./spec-drafts.js";

const HEADING = /^(#{1,6})[ \t]+(.*)$/;
const CODE = /`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`/g;

/**
 * The error codes the target draft adds: the codes (`UPPER_SNAKE` in backticks) of its error
 * section that are marked new (`_(new)_`, "(new in 1.1)") or that the previous draft does not name
 * anywhere. Pure. A draft with no section titled with "error" adds none that can be told.
 */
export function findNewErrorCodes(current: string, previous: string | undefined): string[] {
  const section = errorSection(current);
  const found = new Set<string>();
  for (const line of section) {
    for (const match of line.matchAll(CODE)) {
      const code = match[1]!;
      const marked = /\(new\b/i.test(line);
      const unseenBefore = previous !== undefined && !previous.includes(code);
      if (marked || unseenBefore) found.add(code);
    }
  }
  return [...found].sort();
}

/** The lines of the first section whose heading names errors, subsections included; fences skipped. */
function errorSection(text: string): string[] {
  const lines: string[] = [];
  let depth: number | undefined;
  let fenced = false;
  for (const line of text.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      if (depth !== undefined && level <= depth) break;
      if (depth === undefined && /\berrors?\b/i.test(heading[2]!)) depth = level;
      continue;
    }
    if (depth !== undefined) lines.push(line);
  }
  return lines;
}

/** `findNewErrorCodes` over the drafts on disk; unreadable drafts add nothing. */
export async function readNewErrorCodes(drafts: Pick<SpecDrafts, "current" | "previous">): Promise<string[]> {
  const read = (file: string | undefined) =>
    file === undefined ? Promise.resolve(undefined) : readFile(file, "utf8").catch(() => undefined);
  const [current, previous] = await Promise.all([
    read(drafts.current.absolute),
    read(drafts.previous?.absolute),
  ]);
  return current === undefined ? [] : findNewErrorCodes(current, previous);
}
