import { createContext, Script } from "node:vm";

export interface ScanInput {
  files: { viewPath: string; text: string }[];
  regex: RegExp;
  maxMatches: number;
  maxLineChars: number;
}

export type ScanResult = { ok: true; matches: string[]; more: boolean } | { ok: false; reason: "timeout" };

// Runs inside a V8 context with a timeout: V8 can interrupt a backtracking regex there, which a
// plain loop cannot, so a catastrophic pattern costs at most the time budget.
const SCAN = new Script(`
(() => {
  const matches = [];
  for (const file of files) {
    const lines = file.text.split(/\\r?\\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].length > maxLineChars ? lines[i].slice(0, maxLineChars) : lines[i];
      if (regex.test(line)) {
        if (matches.length === maxMatches) return { matches, more: true };
        matches.push(file.viewPath + ":" + (i + 1) + ": " + line.trim());
      }
    }
  }
  return { matches, more: false };
})()
`);

export function scanWithRegex(input: ScanInput, timeoutMs: number): ScanResult {
  const regex = new RegExp(input.regex.source, input.regex.flags.replace(/[gy]/g, ""));
  const context = createContext({ ...input, regex });
  try {
    const result = SCAN.runInContext(context, { timeout: timeoutMs }) as { matches: string[]; more: boolean };
    return { ok: true, matches: [...result.matches], more: result.more };
  } catch (error) {
    if ((error as { code?: unknown }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT")
      return { ok: false, reason: "timeout" };
    throw error;
  }
}
