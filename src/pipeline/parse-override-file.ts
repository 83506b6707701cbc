import { parse as parseYaml } from "yaml";
import { type PhaseOverride, phaseOverrideSchema } from "./phase-definition.js";

export type ParsedOverrideFile =
  | { ok: true; override: Omit<PhaseOverride, "sourcePath"> }
  | { ok: false; problems: string[] };

const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*$/m;

/**
 * Splits an override file into validated front matter and body (which may be empty). Pure. Problems
 * are phrased `field: message` so the loader can prefix the file name.
 */
export function parseOverrideFile(text: string): ParsedOverrideFile {
  const opening = OPENING.exec(text);
  if (!opening) {
    return { ok: false, problems: ["front matter: the file must start with a '---' line"] };
  }
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) {
    return { ok: false, problems: ["front matter: no closing '---' line"] };
  }
  const yamlText = rest.slice(0, closing.index);
  const body = rest
    .slice(closing.index + closing[0].length)
    .replace(/^(?:[ \t]*\r?\n)+/, "")
    .trimEnd();

  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (error) {
    // The yaml package's messages carry the line and column inside the front matter.
    return { ok: false, problems: [`front matter: not valid YAML: ${(error as Error).message}`] };
  }
  const result = phaseOverrideSchema.safeParse(data ?? {});
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => {
        const path = issue.path.map(String).join(".");
        return `${path === "" ? "front matter" : path}: ${issue.message}`;
      });
  if (!result.success) return { ok: false, problems };
  return { ok: true, override: { ...result.data, body } };
}
