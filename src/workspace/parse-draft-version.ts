// A version as drafts state it: "1.1", "v1.1", "1.1.0", "1.1-draft" → "1.1" (major.minor is what
// the planning cares about).
const VERSION = String.raw`v?(\d+\.\d+)(?:\.\d+)?`;
const FRONT_MATTER_VERSION = new RegExp(String.raw`^version:\s*["']?${VERSION}`, "im");
const VERSION_LINE = new RegExp(
  String.raw`^[\s>*_-]*(?:\*\*|__)?(?:Protocol\s+)?Version(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*${VERSION}`,
  "im",
);
// A line that is bold as a whole and names a version: "**Agent Runtime Control Protocol (ARCP) — Version 1.1**".
const BOLD_VERSION_LINE = new RegExp(
  String.raw`^[ \t]*(?:\*\*|__)[^\n*_]*?\bVersion\s+${VERSION}\b[^\n*_]*(?:\*\*|__)[ \t]*$`,
  "im",
);
const TITLE_VERSION = /(?:\bVersion\s+|\bv|\bARCP\s+|\bARCP\/)(\d+\.\d+)\b/i;
const PROSE_VERSION = /\bARCP\s+(?:v|version\s+)?(\d+\.\d+)\b/i;
const FILE_VERSION = /(\d+)\.(\d+)(?:\.\d+)?\.md$/i;
// Lines that name an *older* version the draft replaces or builds on; they never state the draft's own.
const LINEAGE_LINE = /^.*\b(?:obsoletes|supersedes|superseded|replaces|extends|updates|changes from)\b.*$/gim;
const FENCED_BLOCK = /^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^[ \t]{0,3}\1[ \t]*$/gm;

/**
 * The protocol version a draft states about itself, first statement wins, in this order:
 * 1. a `version:` key in leading YAML front matter;
 * 2. a `Version: X.Y` line (bold, list or blockquote decorations allowed) before the first numbered section;
 * 3. a bold line naming "Version X.Y" (the Internet-Draft layout puts it under its header block);
 * 4. a version in the `#` title ("..., Version 1.1", "ARCP v1.1");
 * 5. "ARCP X.Y" / "ARCP vX.Y" in the text before the first numbered section.
 * Code fences (an Internet-Draft header block) and lineage lines ("Obsoletes: ARCP v1.0", "It supersedes
 * ARCP v1.0") are ignored: they name the version this draft replaces. The file name (`draft-arcp-1.1.md`)
 * is only a fallback, because drafts are renamed and draft numbers ("02.1") are not protocol versions.
 */
export function parseDraftVersion(markdown: string, fileName: string): string | undefined {
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(markdown);
  const fromFrontMatter = frontMatter ? FRONT_MATTER_VERSION.exec(frontMatter[1]!)?.[1] : undefined;
  if (fromFrontMatter) return fromFrontMatter;

  const body = frontMatter ? markdown.slice(frontMatter[0].length) : markdown;
  const firstSection = body.search(/^#{1,6}[ \t]+(?:§[ \t]*)?\d{1,3}(?:\.\d+)*\.?[ \t]+\S/m);
  const preamble = (firstSection < 0 ? body : body.slice(0, firstSection))
    .replace(FENCED_BLOCK, "")
    .replace(LINEAGE_LINE, "");

  const fromLine = VERSION_LINE.exec(preamble)?.[1] ?? BOLD_VERSION_LINE.exec(preamble)?.[1];
  if (fromLine) return fromLine;
  const title = /^#[ \t]+(.+)$/m.exec(preamble)?.[1];
  const fromTitle = title ? TITLE_VERSION.exec(title)?.[1] : undefined;
  if (fromTitle) return fromTitle;
  const fromProse = PROSE_VERSION.exec(preamble)?.[1];
  if (fromProse) return fromProse;

  const fromName = FILE_VERSION.exec(fileName);
  // "02.1" is a draft number, not a version: leading zeros disqualify the file name.
  if (fromName && !fromName[1]!.startsWith("0")) return `${fromName[1]}.${fromName[2]}`;
  return undefined;
}
