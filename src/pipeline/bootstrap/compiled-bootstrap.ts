import type { StructureCheck } from "../../lint/structure-check.js";

/**
 * What `compileBootstrap` makes of a planning bootstrap (`BOOTSTRAP.md`): the phase graph, the text
 * each phase is given, the system text, the reading list, the banned words and the checks the phase
 * texts imply. Every item keeps the 1-based bootstrap line it came from, so `explain` can point at it
 * and error messages can name it. Pure data: no file is read to build it.
 */
export interface CompiledBootstrap {
  /** The document's `#` title ("ARCP Rust SDK — v1.1 Migration Planning Bootstrap"). */
  title: Sourced<string> | undefined;
  /** The SDK language the bootstrap is written for, from its title ("rust"); its checks assume it. */
  language: Sourced<string> | undefined;
  /** The protocol version the plans target, from the table's folder (`planning/v1.1/` → "1.1"). */
  protocolVersion: Sourced<string>;
  /** The folder the plans go to, relative to the SDK checkout ("planning/v1.1"). */
  outputFolder: Sourced<string>;
  /** The spec draft the bootstrap names (`../spec/docs/draft-arcp-02.1.md`), when it names one. */
  specDraft: Sourced<string> | undefined;
  /** In the table's order. */
  phases: CompiledPhase[];
  /** The document's top-level parts in document order, each marked for the system prompt or not. */
  system: SystemPart[];
  /** The "read in this order" list, flattened in order: one entry per path. */
  readingList: ReadingItem[];
  /** The guardrails' banned words, in the order written. */
  bannedWords: BannedWord[];
  /** What it asserts about the workspace, for drift checks. */
  claims: WorkspaceClaims;
}

export interface WorkspaceClaims {
  /** "the 18 examples to mirror". */
  exampleCount: Sourced<number> | undefined;
  /** `packages/middleware/{node,express,…}`. */
  middleware: Sourced<string[]> | undefined;
}

export interface Sourced<T> {
  value: T;
  line: number;
}

export type PhaseOwner = "lead" | "subagent";

export interface CompiledPhase {
  /** The table's file name without `.md` ("04-architecture"): one id for file, output and CLI. */
  id: string;
  /** The table's `#` column. */
  number: number;
  /** From the section heading ("Phase 4 — Architecture & idioms (subagent)" → "Architecture & idioms"). */
  title: string;
  owner: PhaseOwner;
  /** File name inside the output folder (`<id>.md`). */
  output: string;
  /** As the table writes it ("planning/v1.1/04-architecture.md"). */
  outputPath: string;
  /** Phases from the "Depends on" column, ranges ("1–9") expanded, in table order. */
  needs: string[];
  /** Words of the "Depends on" column that are not phases ("spec", "SDK"). */
  inputs: string[];
  /** Phases whose plans the instructions tell the model to read ("Read 01 + 02 + 04"). */
  reads: string[];
  instructions: PhaseInstructions;
  checks: DerivedCheck[];
  /** The table row. */
  line: number;
  /** The "Depends on" cell as written. */
  dependsOn: string;
}

export interface PhaseInstructions {
  /**
   * The text the phase's model call is given: the quoted prompt without its `>` markers, or the whole
   * section (heading included) when the section has no prompt of its own.
   */
  text: string;
  /**
   * `verbatim-marker`: a quote after "Use this prompt verbatim:"; `blockquote`: the section is one
   * quoted prompt; `section`: the section's own text.
   */
  form: "verbatim-marker" | "blockquote" | "section";
  /** The bootstrap asks for this text to be used word for word. */
  verbatim: boolean;
  /** The section heading's line. */
  sectionLine: number;
  /** First and last line of `text` in the bootstrap. */
  line: number;
  endLine: number;
}

/** A structure check read from the phase's own text, in the linter's vocabulary. */
export interface DerivedCheck {
  check: StructureCheck;
  /** Which reading of the text produced it. */
  rule:
    | "concern-list"
    | "row-per-item"
    | "table-columns"
    | "workspace-list"
    | "lettered-files"
    | "percentage";
  line: number;
  /** The bootstrap text the check came from, one line, for `explain`. */
  source: string;
}

export type SystemRole =
  | "persona"
  | "workspace-note"
  | "reading-list"
  | "operating-rules"
  | "phases-intro"
  | "guardrails"
  | "what-good-looks-like"
  | "shortlist"
  | "other";

export interface SystemPart {
  role: SystemRole;
  /** The `##` heading's text; empty for the persona and the workspace note. */
  heading: string;
  /** The part's source text, heading included. */
  text: string;
  /**
   * Whether the part belongs in the system prompt. The workspace note and the phases' intro (how the
   * bootstrap's author ran the phases by hand) are replaced by the tool's own "how this run works".
   */
  inSystem: boolean;
  line: number;
}

export interface ReadingItem {
  /** The group it sits in ("Spec v1.1", "TypeScript reference", "This SDK"). */
  group: string;
  /** As written, relative to the SDK checkout (`../typescript-sdk/README.md`, `src/`). */
  path: string;
  line: number;
}

export interface BannedWord {
  word: string;
  /** A qualifier written after the word ("(when not actually demonstrating zero-cost via codegen)"). */
  note?: string;
  line: number;
}
