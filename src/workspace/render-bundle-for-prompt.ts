import type { Bundle } from "./build-bundle.js";

/**
 * The bundle as prompt text: each sent file in its own `<workspace-file>` block carrying its view
 * path, then the omitted files and the missing reading-list items, so the model knows what exists
 * and can fetch it with `read_file`. Pure and deterministic: the same bundle renders byte-identically,
 * which the prompt cache depends on.
 */
export function renderBundleForPrompt(bundle: Bundle): string {
  const parts: string[] = [];
  for (const entry of bundle.entries) {
    if (entry.content === undefined) continue;
    const truncated =
      entry.status === "truncated" && entry.lines
        ? ` truncated="first ${entry.lines.sent} of ${entry.lines.total} lines; read_file for the rest"`
        : "";
    const body = entry.content.endsWith("\n") || entry.content === "" ? entry.content : `${entry.content}\n`;
    parts.push(`<workspace-file path="${entry.viewPath}"${truncated}>\n${body}</workspace-file>`);
  }
  const omitted = bundle.entries.filter((entry) => entry.status === "omitted");
  if (omitted.length > 0) {
    const list = omitted.map((entry) => `${entry.viewPath} (~${entry.tokens} tokens)`).join("\n");
    parts.push(
      `<omitted-files note="not sent for budget reasons; read them with read_file">\n${list}\n</omitted-files>`,
    );
  }
  if (bundle.missing.length > 0) {
    const list = bundle.missing.map((item) => `${item.item}: ${item.reason}`).join("\n");
    parts.push(
      `<missing-from-workspace note="items of the reading list this workspace lacks">\n${list}\n</missing-from-workspace>`,
    );
  }
  return `${parts.join("\n\n")}\n`;
}
