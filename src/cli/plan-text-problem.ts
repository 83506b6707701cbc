import { extname } from "node:path";

/** File extensions `lint` takes as markdown plans. */
export const PLAN_EXTENSIONS: readonly string[] = [".md", ".markdown"];

/** How much of a file's head is searched for NUL bytes: what git and the bundle use to call a file binary. */
export const NUL_SNIFF_BYTES = 8192;

/**
 * Why a file cannot be linted as a plan, judged by its name and the head of its content, or undefined.
 * Pure. A binary head is named first (a binary named `.md` is still binary), then a name that is not
 * markdown.
 */
export function planHeadProblem(file: string, head: Uint8Array): string | undefined {
  if (head.subarray(0, NUL_SNIFF_BYTES).includes(0)) {
    return "a binary file (it has NUL bytes), not a markdown plan";
  }
  const extension = extname(file).toLowerCase();
  if (!PLAN_EXTENSIONS.includes(extension)) {
    return `not a markdown file (${extension === "" ? "no extension" : extension}); plans are *.md files`;
  }
  return undefined;
}

/**
 * Why a plan's bytes are not UTF-8 text, or undefined. Pure. A Latin-1 or Windows-1252 file would
 * otherwise be decoded into replacement characters and lint clean.
 */
export function planEncodingProblem(content: Uint8Array): string | undefined {
  const invalid = firstInvalidUtf8Byte(content);
  if (invalid === undefined) return undefined;
  const line = countLines(content, invalid);
  const byte = content[invalid]!.toString(16).toUpperCase().padStart(2, "0");
  return `not UTF-8 text: byte 0x${byte} on line ${line} is not valid UTF-8 (save the file as UTF-8)`;
}

/** Pure: offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const [length, secondMin, secondMax] = utf8Sequence(lead);
    if (length === 0 || i + length > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < secondMin || second > secondMax) return i;
    for (let k = 2; k < length; k += 1) {
      const next = bytes[i + k]!;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return undefined;
}

/** Length of the sequence a lead byte starts and the range its second byte must fall in; length 0 if invalid. */
function utf8Sequence(lead: number): [length: number, secondMin: number, secondMax: number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf]; // no overlong three-byte forms
  if (lead === 0xed) return [3, 0x80, 0x9f]; // no UTF-16 surrogates
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf]; // no overlong four-byte forms
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f]; // nothing above U+10FFFF
  return [0, 0, 0];
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}
