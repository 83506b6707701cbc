export interface SectionEntry {
  /** "8.2.1", or "A" / "A.1" for appendices. */
  number: string;
  title: string;
  /** 1-based line of the heading. */
  line: number;
  /** Components in the number: "6" → 1, "6.4" → 2, "8.2.1" → 3. */
  depth: number;
  /**
   * The section says it is unchanged from the previous version ("(Unchanged from v1.0 §6.3.)"), so
   * the previous draft's subsections of it still hold.
   */
  unchanged?: boolean;
}

// The first words of a section's body, e.g. "(Unchanged. Bearer token ...)" or "Unchanged from v1.0 §9.1".
const UNCHANGED = /^\(?\s*(?:unchanged|as in v?\d+\.\d+)\b/i;

// `## 6. Sessions`, `### 6.4 Heartbeats`, `## §6.4. Heartbeats`, `#### 8.2.1. Progress` (closing #s allowed).
// The first component is capped at three digits so a heading like "## 2024 roadmap" is not a section.
const NUMBERED = /^#{1,6}[ \t]+(?:§[ \t]*)?(\d{1,3}(?:\.\d+)*)\.?[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;
const APPENDIX =
  /^#{1,6}[ \t]+Appendix[ \t]+([A-Z](?:\.\d+)*)\.?(?:[ \t]*[:.\u2014-])?[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^[ ]{0,3}(`{3,}|~{3,})/;

/**
 * The numbered ATX headings of a spec draft, in document order. Headings inside fenced code blocks
 * and inside a leading YAML front matter block are not sections.
 */
export function parseSectionIndex(markdown: string): SectionEntry[] {
  const lines = markdown.split(/\r?\n/);
  const sections: SectionEntry[] = [];
  let fence: string | undefined;
  let start = 0;
  if (lines[0]?.trim() === "---") {
    const end = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
    if (end > 0) start = end + 1;
  }
  for (let index = start; index < lines.length; index++) {
    const line = lines[index]!;
    const marker = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      // A fence closes with the same character, at least as long, and nothing after it.
      if (
        marker !== undefined &&
        marker[0] === fence[0] &&
        marker.length >= fence.length &&
        line.trim() === marker
      ) {
        fence = undefined;
      }
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      continue;
    }
    const numbered = NUMBERED.exec(line);
    const match = numbered ?? APPENDIX.exec(line);
    if (match === null) continue;
    const number = match[1]!;
    const section: SectionEntry = {
      number,
      // "Heartbeats _(new in 1.1)_": the marker is the draft's annotation, not part of the title.
      title: match[2]!.replace(/\s*[_*]\(new in [^)]*\)[_*]\s*$/i, "").trim(),
      line: index + 1,
      depth: number.split(".").length,
    };
    if (UNCHANGED.test(firstBodyLine(lines, index + 1))) section.unchanged = true;
    sections.push(section);
  }
  return sections;
}

/** The first non-blank line after a heading, or "" when another heading comes first. */
function firstBodyLine(lines: readonly string[], from: number): string {
  for (let index = from; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === "") continue;
    return line.startsWith("#") ? "" : line;
  }
  return "";
}
