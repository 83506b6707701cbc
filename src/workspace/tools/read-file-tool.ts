import { open, readFile } from "node:fs/promises";
import * as z from "zod";
import { BINARY_SNIFF_BYTES, isBinaryContent } from "../is-binary-content.js";
import { resolveToolPath } from "./resolve-tool-path.js";
import { type ToolContext, withheldFileError } from "./tool-context.js";
import { type ToolResult, toolError, toolOk } from "./tool-result.js";

const lineNumber = z.number().int().min(1).max(10_000_000);

export const readFileInput = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .describe(
        'File to read, as seen from the SDK checkout: "src/arcp/session.py", "../spec/docs/draft.md".',
      ),
    start_line: lineNumber.optional().describe("First line to return (1-based). Default 1."),
    end_line: lineNumber.optional().describe("Last line to return (inclusive). Default: as many as fit."),
  })
  .refine((v) => v.start_line === undefined || v.end_line === undefined || v.end_line >= v.start_line, {
    message: "end_line must not be smaller than start_line",
    path: ["end_line"],
  });

export const READ_FILE_DESCRIPTION =
  "Read a text file of the workspace, returned with line numbers. Long files are cut; the result says " +
  "where, and start_line/end_line read further. Cite lines as path:line.";

export async function runReadFile(
  input: z.infer<typeof readFileInput>,
  context: ToolContext,
): Promise<ToolResult> {
  const target = await resolveToolPath(context.roots, context.index, input.path);
  if (!target.ok) return toolError(target.reason);
  if (target.kind === "folder")
    return toolError(`${target.viewPath} is a folder; use list_files to see its files.`);
  const withheld = await withheldFileError(context, target.viewPath);
  if (withheld) return withheld;
  let buffer: Buffer;
  try {
    if (!(await context.index.get(target.viewPath))) {
      // Not listed: say why, without reading a possibly huge file whole.
      const head = await readHead(target.absolute);
      if (isBinaryContent(head))
        return toolError(`${target.viewPath} is a binary file; only text files can be read.`);
      return toolError(
        `${target.viewPath} is not part of the workspace the tools expose (git-ignored, a lock file, build output or a dependency).`,
      );
    }
    buffer = await readFile(target.absolute);
  } catch (error) {
    return toolError(
      `Cannot read ${target.viewPath}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  // Redacted whole, before the lines are cut out: a key block spans lines, and the marker keeps the
  // line count, so the numbers shown are the file's own.
  const lines = context.redact(buffer.toString("utf8")).split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === "") lines.pop();
  const total = lines.length;
  const start = input.start_line ?? 1;
  if (start > total)
    return toolError(`start_line ${start} is past the end of ${target.viewPath} (${total} lines).`);
  const wanted = Math.min(input.end_line ?? total, total);
  const width = String(wanted).length;
  const out: string[] = [];
  let chars = 0;
  let last = start - 1;
  for (let n = start; n <= wanted && n - start < context.limits.maxReadLines; n++) {
    const line = `${String(n).padStart(width)}\t${lines[n - 1]}`;
    if (chars + line.length + 1 > context.limits.maxResultChars && out.length > 0) break;
    out.push(
      line.length > context.limits.maxResultChars
        ? `${line.slice(0, context.limits.maxResultChars)} [line cut]`
        : line,
    );
    chars += line.length + 1;
    last = n;
  }
  const header = `${target.viewPath} (lines ${start}-${last} of ${total})`;
  const footer =
    last < wanted
      ? `\n[truncated after line ${last} of ${total}: call read_file with start_line ${last + 1} to continue]`
      : "";
  return toolOk(`${header}\n${out.join("\n")}${footer}`);
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(BINARY_SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, BINARY_SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
