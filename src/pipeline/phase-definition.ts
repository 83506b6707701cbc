import * as z from "zod";
import { type StructureCheck, structureCheckSchema } from "../lint/structure-check.js";

/**
 * The front matter of a phase prompt file (`prompts/<id>.md`). Pure schema; the loader reads the files.
 * One id names the phase everywhere: prompt file, output file and CLI argument.
 */
const phaseId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "expected a phase id such as 04-architecture (lowercase, digits, dashes)");

export const phaseFrontMatterSchema = z
  .object({
    id: phaseId,
    title: z.string().min(1),
    /** The plan file this phase writes, relative to the output folder; always `<id>.md`. */
    output: z.string().regex(/^[^/\\]+\.md$/, "expected a file name ending in .md, without folders"),
    /** Phases that must be done before this one starts (the bootstrap's "Depends on" column). */
    needs: z.array(phaseId).default([]),
    /** Phases whose plans the prompt text tells the model to read; `--schedule reads` waits for them too. */
    reads: z.array(phaseId).default([]),
    owner: z.enum(["lead", "subagent"]),
    maxTokens: z.number().int().positive().optional(),
    /** Overrides the configured model for this phase (a `--model` flag still wins). */
    model: z.string().min(1).optional(),
    /** The body is quoted from the bootstrap word for word; tests hold it to that. */
    verbatim: z.boolean().default(false),
    /** Phase-specific structure checks, evaluated by the linter's `phase-structure` rule. */
    checks: z.array(structureCheckSchema).default([]),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.output !== `${value.id}.md`) {
      context.addIssue({
        code: "custom",
        path: ["output"],
        message: `expected "${value.id}.md" (the phase id plus .md), got "${value.output}"`,
      });
    }
    for (const [index, pattern] of checkPatterns(value.checks)) {
      try {
        new RegExp(pattern, "i");
      } catch (error) {
        context.addIssue({
          code: "custom",
          path: ["checks", ...index],
          message: `not a valid regular expression: ${(error as Error).message}`,
        });
      }
    }
  });

export type PhaseFrontMatter = z.infer<typeof phaseFrontMatterSchema>;

export interface PhaseDefinition {
  id: string;
  title: string;
  /** File name of the plan inside the output folder (`<id>.md`). */
  output: string;
  needs: string[];
  reads: string[];
  owner: "lead" | "subagent";
  maxTokens?: number;
  model?: string;
  verbatim: boolean;
  checks: StructureCheck[];
  /** The prompt text after the front matter, without leading blank lines or trailing whitespace. */
  body: string;
  /** Absolute path of the prompt file, for messages. */
  sourcePath: string;
  /** sha256 (hex) of the whole prompt file, front matter included: any edit makes the phase stale. */
  promptHash: string;
}

/** Every regex in a check list, with its path inside `checks` (for error messages). */
function* checkPatterns(checks: readonly StructureCheck[]): Generator<[(string | number)[], string]> {
  for (const [i, check] of checks.entries()) {
    switch (check.kind) {
      case "table":
        for (const [j, column] of check.columns.entries()) yield [[i, "columns", j], column];
        for (const [column, allowed] of Object.entries(check.values ?? {})) {
          yield [[i, "values", column], column];
          for (const [j, value] of allowed.entries()) yield [[i, "values", column, j], value];
        }
        break;
      case "mentions":
      case "headings":
        for (const [j, pattern] of check.patterns.entries()) yield [[i, "patterns", j], pattern];
        break;
      case "code-block":
      case "count":
        yield [[i, "pattern"], check.pattern];
        break;
      case "covers":
        break;
    }
  }
}
