import * as z from "zod";
import { type StructureCheck, structureCheckSchema } from "../lint/structure-check.js";

/**
 * An override file (`<id>.md` in an override folder): hand-tuned additions applied over the phase the
 * bootstrap compiles to, as data. Every field but `id` is optional; a body, when present, replaces the
 * compiled instructions. Pure schema; the loader reads the files.
 */
const phaseId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "expected a phase id such as 04-architecture (lowercase, digits, dashes)");

export const phaseOverrideSchema = z
  .object({
    id: phaseId,
    title: z.string().min(1).optional(),
    /** Phases whose plans the prompt text tells the model to read; `--schedule reads` waits for them too. */
    reads: z.array(phaseId).optional(),
    maxTokens: z.number().int().positive().optional(),
    /** Overrides the configured model for this phase (config `model.phases` and `--model` still win). */
    model: z.string().min(1).optional(),
    /** Structure checks added to the phase's, evaluated by the linter's `phase-structure` rule. */
    checks: z.array(structureCheckSchema).default([]),
    /** `true`: these checks replace the phase's others (derived from its text, or from earlier overrides). */
    replaceChecks: z.boolean().default(false),
    /** A note appended to the phase's instructions. */
    note: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((value, context) => {
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

export type PhaseOverride = z.infer<typeof phaseOverrideSchema> & {
  /** Replaces the compiled instructions when not empty. */
  body: string;
  /** Absolute path of the override file, for messages. */
  sourcePath: string;
};

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
  /** The instructions the phase's model call is given. */
  body: string;
  /** Where the phase comes from, for messages: `/ws/sdk/BOOTSTRAP.md:212` (its section's heading). */
  sourcePath: string;
  /** What a change of `promptHash` means, for `status`: "bootstrap section Phase 5". */
  promptSource: string;
  /**
   * sha256 (hex) over what the phase is given and checked by: its compiled section (instructions,
   * checks, table row) and its override. Line numbers are left out, so an edit to one section
   * leaves the other phases' hashes alone.
   */
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
