/** How much of a file's head decides whether it is text. */
export const BINARY_SNIFF_BYTES = 8192;

/**
 * A file is binary when its head holds a NUL byte or is not valid UTF-8. A multi-byte character cut
 * by the end of the sniffed head is fine (streaming decode keeps it pending instead of failing).
 */
export function isBinaryContent(buf: Uint8Array): boolean {
  const head = buf.length > BINARY_SNIFF_BYTES ? buf.subarray(0, BINARY_SNIFF_BYTES) : buf;
  if (head.includes(0)) return true;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return false;
  } catch {
    return true;
  }
}
