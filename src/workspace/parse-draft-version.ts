// A version as drafts state it: "1.1", "v1.1", "1.1.0", "1.1-draft" → "1.1" (major.minor is what
// the planning cares about).
const VERSION = String.raw`v?(\d+\.\d+)(?:\.\d+)?`;
const FRONT_MATTER_VERSION = new RegExp(String.raw`^version:\s*["']?${VERSION}`, "im");
const VERSION_LINE = new RegExp(
  String.raw`^[\s>*_-]*(?:\*\*|__)?(?:Protocol\s+)?Version(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*${VERSION}`,
  "im",
);
const TITLE_VERSION = /(?:\bVersion\s+|\bv|\bARCP\s+|\bARCP\/)(\d+\.\d+)\b/i;
const PROSE_VERSION = /\bARCP\s+(?:v|version\s+)?(\d+\.\d+)\b/i;
const FILE_VERSION = /(\d+)\.(\d+)(?:\.\d+)?\.md$/i;

/**
 * The protocol version a draft states about itself, first statement wins, in this order:
 * 1. a `version:` key in leading YAML front matter;
 * 2. a `Version: X.Y` line (bold, list or blockquote decorations allowed) before the first numbered section;
 * 3. a version in the `#` title ("..., Version 1.1", "ARCP v1.1");
 * 4. "ARCP X.Y" / "ARCP vX.Y" in the text before the first numbered section.
 * The file name (`draft-arcp-1.1.md`) is only a fallback, because drafts are renamed and draft
 * numbers ("02.1") are not protocol versions; it is used only when it looks like a version.
 */
export function parseDraftVersion(markdown: string, fileName: string): string | undefined {
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(markdown);
  const fromFrontMatter = frontMatter ? FRONT_MATTER_VERSION.exec(frontMatter[1]!)?.[1] : undefined;
  if (fromFrontMatter) return fromFrontMatter;

  const body = frontMatter ? markdown.slice(frontMatter[0].length) : markdown;
  const firstSection = body.search(/^#{1,6}[ \t]+(?:§[ \t]*)?\d{1,3}(?:\.\d+)*\.?[ \t]+\S/m);
  const preamble = firstSection < 0 ? body : body.slice(0, firstSection);

  const fromLine = VERSION_LINE.exec(preamble)?.[1];
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
