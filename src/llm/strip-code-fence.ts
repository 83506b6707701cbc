/**
 * Models sometimes wrap the whole markdown document in one fence (```markdown ... ```). The phase's
 * file is the document inside, so strip exactly one surrounding fence; fences inside the document,
 * or a reply that merely starts with a code block, are left alone.
 */
export function stripCodeFence(text: string): string {
  const trimmed = text.trim();
  const open = /^(`{3,}|~{3,})[ \t]*([\w+-]*)[ \t]*\r?\n/.exec(trimmed);
  if (!open) return text;
  const fence = open[1]!;
  const language = open[2]!.toLowerCase();
  if (language !== "" && language !== "markdown" && language !== "md") return text;
  const closing = new RegExp(`\\r?\\n${fence[0] === "`" ? "`" : "~"}{${fence.length},}[ \\t]*$`);
  const close = closing.exec(trimmed);
  if (!close || close.index < open[0].length - 1) return text;
  const inner = trimmed.slice(open[0].length, close.index);
  // With a bare opening fence, an inner line that is the same bare fence means the reply is several
  // blocks, not one wrapped document. A ```markdown opener states the intent, so its inner code
  // blocks (which in CommonMark would close it early) are kept as the document's own.
  const sameFence = new RegExp(`^${fence}[ \\t]*$`, "m");
  if (language === "" && sameFence.test(inner)) return text;
  return `${inner}\n`;
}
