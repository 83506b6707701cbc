import * as z from "zod";

/**
 * The vocabulary for phase-specific structure checks. Phases declare their checks as data in the
 * data: derived from the bootstrap's phase sections or written in override files (`checks:`); the
 * `phase-structure` rule evaluates them. No phase is named here.
 *
 * Patterns are JavaScript regular expressions, matched case-insensitively; `{language}` in a pattern
 * stands for the SDK's language ("rust", "java|kotlin"). A check with `languages` applies only to SDKs
 * of those languages (a check naming pytest says nothing about a Rust plan).
 */
const workspaceList = z.enum([
  /** Folder names under the reference's `examples/` (counted in the workspace, not from the prompt). */
  "reference-examples",
  /** Module files under the SDK's `src/` (e.g. `src/arcp/session.py`). */
  "sdk-modules",
  /** Folder names under the reference's `packages/middleware/`. */
  "reference-middleware",
  /** Error codes the target spec draft adds (marked new in its error section, or absent before). */
  "spec-new-error-codes",
]);

export const structureCheckSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("table"),
      languages: z.array(z.string().min(1)).optional(),
      /** What the table is, for messages: "the v1.1 additions table". */
      name: z.string().min(1),
      /** One pattern per required column; each must match some header cell. */
      columns: z.array(z.string().min(1)).min(1),
      minRows: z.number().int().nonnegative().optional(),
      /** Allowed values per column (column pattern -> allowed value patterns); every body cell must match one. */
      values: z.record(z.string(), z.array(z.string().min(1))).optional(),
      /** Every item of this workspace list must appear in some row of the table. */
      rowPerItem: workspaceList.optional(),
      /**
       * The columns were read from prose, not declared: a plan with no table that has them gets a
       * warning, not an error (the reading may have missed the plan's own names for them).
       */
      hedged: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("mentions"),
      languages: z.array(z.string().min(1)).optional(),
      name: z.string().min(1),
      /** Each pattern must match somewhere in the document (prose, tables or code). */
      patterns: z.array(z.string().min(1)).min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal("headings"),
      languages: z.array(z.string().min(1)).optional(),
      name: z.string().min(1),
      /** Each pattern must match the text of some heading. */
      patterns: z.array(z.string().min(1)).min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal("code-block"),
      languages: z.array(z.string().min(1)).optional(),
      name: z.string().min(1),
      /** Some fenced code block's content must match this pattern. */
      pattern: z.string().min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal("count"),
      languages: z.array(z.string().min(1)).optional(),
      name: z.string().min(1),
      /** Distinct matches of this pattern in the whole document ... */
      pattern: z.string().min(1),
      /** ... must be at least this many. */
      min: z.number().int().positive(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("covers"),
      languages: z.array(z.string().min(1)).optional(),
      name: z.string().min(1),
      /** Every item of this workspace list must be mentioned somewhere in the document. */
      items: workspaceList,
    })
    .strict(),
]);

export type StructureCheck = z.infer<typeof structureCheckSchema>;
export type WorkspaceList = z.infer<typeof workspaceList>;
