/**
 * Where a markdown document can be cut into pieces that parse to the same tree as the whole.
 *
 * Why: micromark's cost grows faster than the document. Each line that ends a list or blockquote
 * makes it scan and copy the events of everything parsed so far (the "lazy line" check), so a
 * 20 KB plan with a list in every section costs far more than twenty 1 KB sections. Parsing each
 * top-level section on its own and shifting the positions gives the identical tree in about 60%
 * of the time.
 *
 * A cut is safe before an ATX heading (`#` … `######`) at column 0 that follows a blank line and is
 * not inside a fenced code block, a multi-line HTML block or front matter: such a line ends every
 * container and leaf block, so nothing before it can change how it or anything after it parses.
 * The scan is conservative. It cuts nowhere when the document has link reference definitions (they
 * apply document-wide), uses lone CR line endings, starts with a byte order mark, starts a line with an
 * HTML tag other than the kinds it tracks, or opens a fence indented by one to three spaces (whether such
 * a tag or fence opens a block depends on what surrounds it, which only the full parse can tell).
 */
export interface SectionStart {
  /** Offset of the heading line's first character. */
  offset: number;
  /** 0-based line index of the heading line. */
  line: number;
}

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^#{1,6}(?:[ \t]|\r?$)/;
const BLANK = /^[ \t]*\r?$/;
/** HTML block kinds 1–5 of CommonMark: they run until an end marker, across blank lines. */
const HTML_BLOCKS: readonly (readonly [start: RegExp, end: RegExp])[] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|\r?$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
/**
 * A tag at the start of a line may open an HTML block that runs to the next blank line (kinds 6 and 7),
 * inside which a fence line is not a fence; whether it does depends on the paragraph before it.
 */
const OTHER_HTML_START = /^ {0,3}<[A-Za-z/]/;
const FRONT_MATTER_FENCES = ["---", "+++"];

/** Section starts after the first, in order; empty when the document cannot be cut safely. */
export function topLevelSectionStarts(text: string): SectionStart[] {
  // micromark drops a leading byte order mark and counts offsets without it: a piece would not.
  if (text.startsWith("\uFEFF") || text.includes("]:") || /\r(?!\n)/.test(text)) return [];
  const lines = text.split("\n");
  const starts: SectionStart[] = [];
  let offset = 0;
  let index = frontMatterEnd(lines);
  for (let i = 0; i < index; i++) offset += lines[i]!.length + 1;

  let fence: { marker: string } | undefined;
  let htmlEnd: RegExp | undefined;
  let previousBlank = false;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (fence) {
      const close = FENCE.exec(line);
      if (
        close &&
        close[2]![0] === fence.marker[0] &&
        close[2]!.length >= fence.marker.length &&
        BLANK.test(close[3]!)
      )
        fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else {
      const open = FENCE.exec(line);
      // A backtick fence's info string cannot contain a backtick; then the line is not a fence.
      if (open && !(open[2]![0] === "`" && open[3]!.includes("`"))) {
        if (open[1]!.length > 0) return [];
        fence = { marker: open[2]! };
      } else {
        const html = HTML_BLOCKS.find(([start]) => start.test(line));
        if (html) {
          if (!html[1].test(line.slice(line.indexOf("<") + 1))) htmlEnd = html[1];
        } else if (OTHER_HTML_START.test(line)) {
          return [];
        } else if (previousBlank && ATX_HEADING.test(line)) starts.push({ offset, line: index });
      }
    }
    previousBlank = !fence && !htmlEnd && BLANK.test(line);
    offset += line.length + 1;
  }
  return starts;
}

/** Index of the first line after front matter: 0 when there is none, every line when it is never closed. */
function frontMatterEnd(lines: readonly string[]): number {
  const fence = FRONT_MATTER_FENCES.find((marker) =>
    new RegExp(`^\\${marker[0]}{3}[ \\t]*\\r?$`).test(lines[0] ?? ""),
  );
  if (!fence) return 0;
  const close = new RegExp(`^\\${fence[0]}{3}[ \\t]*\\r?$`);
  for (let i = 1; i < lines.length; i++) if (close.test(lines[i]!)) return i + 1;
  return lines.length;
}
