import type { LintSettings } from "./preset.js";
import { buildLintSettings } from "./preset.js";
import type { StructureCheck, WorkspaceList } from "./structure-check.js";

/** One numbered section of a spec draft ("8.2.1"). Structurally the workspace's `SectionEntry`. */
export interface SpecSection {
  number: string;
  title: string;
  /** The draft marks the section unchanged from the previous version (its old subsections still hold). */
  unchanged?: boolean;
}

export interface SpecIndex {
  /** The version the draft states about itself ("1.1"). */
  version: string;
  /** View path of the draft, for messages ("../spec/docs/draft-arcp-1.1.md"). */
  viewPath?: string;
  sections: readonly SpecSection[];
}

/**
 * A place in a plan that "`02-current-audit.md` §4" can point at: a heading, or (depth 0) a numbered
 * list item ("3.6": item 6 under section 3) or a table row keyed by a spec § ("7.6": the gap-matrix row).
 */
export interface PlanHeading {
  depth: number;
  text: string;
  kind?: "item" | "row";
}

/**
 * Everything a rule may know about the workspace, handed over as data so rules never do I/O.
 * `pipeline/load-lint-context.ts` builds it from a real workspace; tests build it in memory with
 * `createLintContext`.
 */
export interface LintContext {
  /** View path of the plan being linted ("planning/v1.1/02-current-audit.md"); undefined outside the workspace. */
  planPath: string | undefined;
  /** Phase-specific structure checks of the phase whose output this file is (empty for other files). */
  checks: readonly StructureCheck[];
  /** View paths of every workspace file ("src/arcp/session.py", "../spec/docs/draft-arcp-1.1.md"). */
  files: ReadonlySet<string>;
  /** Text of a workspace file by view path (for line anchors and symbols); undefined when unreadable. */
  readText: (viewPath: string) => string | undefined;
  spec: { current: SpecIndex; previous?: SpecIndex };
  /** Lists counted in the workspace (never taken from the bootstrap's prose). */
  facts: Readonly<Record<WorkspaceList, readonly string[]>>;
  /** Headings of sibling plans that exist, keyed by their file name ("02-current-audit.md"). */
  siblings: ReadonlyMap<string, readonly PlanHeading[]>;
  /**
   * The three roots' folder names as seen from the workspace root (`rust-sdk`, `spec`, `typescript-sdk`),
   * so a path written from there (`typescript-sdk/CONFORMANCE.md`) is understood.
   */
  rootNames: { sdk: string; spec: string; reference: string };
  /** The SDK's language ("python", "rust", "java/kotlin"), when recognised; checks may be scoped to one. */
  sdkLanguage: string | undefined;
  /**
   * The language the bootstrap in force is written for, when its title names one. Its phase checks
   * are certainties for an SDK of that language and doubts for another.
   */
  bootstrapLanguage: string | undefined;
  /** The pipeline's own output file names ("01-spec-delta.md" ... "10-synthesis.md"). */
  phaseFiles: readonly string[];
  settings: LintSettings;
}

/** A context with empty workspace data, overridden by `parts`; for tests and ad-hoc linting. */
export function createLintContext(parts: Partial<LintContext> = {}): LintContext {
  return {
    planPath: undefined,
    checks: [],
    files: new Set(),
    readText: () => undefined,
    spec: { current: { version: "unknown", sections: [] } },
    facts: {
      "reference-examples": [],
      "reference-middleware": [],
      "sdk-modules": [],
      "spec-new-error-codes": [],
    },
    siblings: new Map(),
    rootNames: { sdk: "", spec: "spec", reference: "typescript-sdk" },
    sdkLanguage: undefined,
    bootstrapLanguage: undefined,
    phaseFiles: [],
    settings: buildLintSettings().settings,
    ...parts,
  };
}

/** The plan's file name ("02-current-audit.md"), or undefined. */
export function planFileName(context: LintContext): string | undefined {
  return context.planPath?.split("/").at(-1);
}
