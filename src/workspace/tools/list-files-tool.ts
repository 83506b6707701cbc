import * as z from "zod";
import { compileGlob } from "../compile-glob.js";
import { filesUnder } from "./files-under.js";
import { resolveToolPath } from "./resolve-tool-path.js";
import { type ToolContext, withheldFileError } from "./tool-context.js";
import { type ToolResult, toolError, toolOk } from "./tool-result.js";

export const listFilesInput = z.strictObject({
  path: z
    .string()
    .optional()
    .describe(
      'Folder to list, as seen from the SDK checkout: "src", "../spec/docs", "../typescript-sdk/packages". Omit to list the whole workspace.',
    ),
  glob: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Keep only paths matching this glob (*, **, ?), relative to `path` when given, e.g. "**/*.ts".',
    ),
});

export const LIST_FILES_DESCRIPTION =
  "List the text files of the workspace (the SDK checkout, ../spec and ../typescript-sdk) with their sizes. " +
  "Git-ignored files, dependencies, build output, lock files and binaries are not part of the workspace.";

export async function runListFiles(
  input: z.infer<typeof listFilesInput>,
  context: ToolContext,
): Promise<ToolResult> {
  let files = await context.index.files();
  let base: string | undefined;
  if (input.path !== undefined && input.path.trim() !== "") {
    const target = await resolveToolPath(context.roots, context.index, input.path);
    if (!target.ok) return toolError(target.reason);
    const withheld = await withheldFileError(context, target.viewPath);
    if (withheld) return withheld;
    base = target.viewPath;
    files = filesUnder(files, target.viewPath);
    if (files.length === 0 && target.kind === "file") {
      return toolError(
        `${target.viewPath} is not part of the workspace the tools expose (ignored, binary or generated).`,
      );
    }
  }
  if (input.glob !== undefined) {
    const match = compileGlob(input.glob);
    const prefix = base === undefined || base === "." ? "" : `${base}/`;
    files = files.filter(
      (f) =>
        match(f.viewPath) ||
        (prefix !== "" && f.viewPath.startsWith(prefix) && match(f.viewPath.slice(prefix.length))),
    );
  }
  if (files.length === 0) return toolOk("No files match.");
  const shown = files.slice(0, context.limits.maxListEntries);
  const lines = shown.map((f) => `${f.viewPath} (${f.bytes} bytes)`);
  if (files.length > shown.length) {
    lines.push(`[${files.length - shown.length} more files not shown: narrow the path or add a glob]`);
  }
  return toolOk(lines.join("\n"));
}
