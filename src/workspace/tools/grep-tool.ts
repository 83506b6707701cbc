import { readFile } from "node:fs/promises";
import * as z from "zod";
import { filesUnder } from "./files-under.js";
import { resolveToolPath } from "./resolve-tool-path.js";
import { scanWithRegex } from "./scan-with-regex.js";
import { type ToolContext, withheldFileError } from "./tool-context.js";
import { type ToolResult, toolError, toolOk } from "./tool-result.js";

export const grepInput = z.strictObject({
  pattern: z
    .string()
    .min(1)
    .max(1_000)
    .describe(
      "JavaScript regular expression, matched against each line (case-sensitive; use [Ss] or alternation for either case).",
    ),
  path: z
    .string()
    .optional()
    .describe(
      'File or folder to search, as seen from the SDK checkout ("src", "../typescript-sdk/packages"). Omit to search the whole workspace.',
    ),
});

export const GREP_DESCRIPTION =
  "Search the workspace's text files for a regular expression. Returns matching lines as path:line: text, " +
  "a bounded number of them.";

export async function runGrep(input: z.infer<typeof grepInput>, context: ToolContext): Promise<ToolResult> {
  let regex: RegExp;
  try {
    regex = new RegExp(input.pattern);
  } catch (error) {
    return toolError(`Invalid regular expression: ${error instanceof Error ? error.message : String(error)}`);
  }
  let files = await context.index.files();
  if (input.path !== undefined && input.path.trim() !== "") {
    const target = await resolveToolPath(context.roots, context.index, input.path);
    if (!target.ok) return toolError(target.reason);
    const withheld = await withheldFileError(context, target.viewPath);
    if (withheld) return withheld;
    files = filesUnder(files, target.viewPath);
    if (files.length === 0) {
      return toolError(`${target.viewPath} holds no file the tools expose (ignored, binary or generated).`);
    }
  }
  const loaded: { viewPath: string; text: string }[] = [];
  let bytes = 0;
  let skipped = 0;
  for (const file of files) {
    if (bytes + file.bytes > context.limits.maxGrepBytes) {
      skipped++;
      continue;
    }
    bytes += file.bytes;
    // Searched redacted: a pattern that matched inside a key would tell the model what the key holds.
    loaded.push({ viewPath: file.viewPath, text: context.redact(await readFile(file.absolute, "utf8")) });
  }
  const scan = scanWithRegex(
    {
      files: loaded,
      regex,
      maxMatches: context.limits.maxGrepMatches,
      maxLineChars: context.limits.maxGrepLineChars,
    },
    context.limits.grepTimeoutMs,
  );
  if (!scan.ok) {
    return toolError(
      `The pattern took longer than ${context.limits.grepTimeoutMs} ms (nested quantifiers such as (a+)+ backtrack badly); simplify it or narrow the path.`,
    );
  }
  const notes: string[] = [];
  if (scan.more)
    notes.push(`[more than ${context.limits.maxGrepMatches} matches: narrow the pattern or the path]`);
  if (skipped > 0) notes.push(`[${skipped} files not searched: size budget reached; narrow the path]`);
  if (scan.matches.length === 0) return toolOk(["No matches.", ...notes].join("\n"));
  const lines: string[] = [];
  let chars = 0;
  for (const match of scan.matches) {
    if (chars + match.length > context.limits.maxResultChars) {
      notes.unshift(`[output cut after ${lines.length} matches: narrow the pattern or the path]`);
      break;
    }
    lines.push(match);
    chars += match.length + 1;
  }
  return toolOk([...lines, ...notes].join("\n"));
}
