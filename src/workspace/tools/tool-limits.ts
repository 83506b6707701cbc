/** Bounds that keep one tool result affordable to send back to the model and quick to compute. */
export interface ToolLimits {
  /** read_file: lines returned per call. */
  maxReadLines: number;
  /** read_file and grep: characters per result (about a quarter of that in tokens). */
  maxResultChars: number;
  /** list_files: entries per call. */
  maxListEntries: number;
  /** grep: matches reported per call. */
  maxGrepMatches: number;
  /** grep: only the first this-many characters of a line are searched and shown. */
  maxGrepLineChars: number;
  /** grep: total bytes of files searched per call. */
  maxGrepBytes: number;
  /** grep: wall-clock budget for the regex scan (catastrophic patterns are cut off here). */
  grepTimeoutMs: number;
}

export const DEFAULT_TOOL_LIMITS: Readonly<ToolLimits> = Object.freeze({
  maxReadLines: 800,
  maxResultChars: 60_000,
  maxListEntries: 500,
  maxGrepMatches: 200,
  maxGrepLineChars: 2_000,
  maxGrepBytes: 32 * 1024 * 1024,
  grepTimeoutMs: 2_000,
});
