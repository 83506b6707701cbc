import { basename } from "node:path";
import { ArcpPlanError } from "../errors/arcp-plan-error.js";
import type { CompiledBootstrap, CompiledPhase } from "./bootstrap/compiled-bootstrap.js";
import { withoutLaterReads } from "./bootstrap/parse-phase-reads.js";
import { canonicalJson } from "./canonical-json.js";
import type { PhaseDefinition, PhaseOverride } from "./phase-definition.js";
import { sha256 } from "./sha256.js";

/** What the pipeline runs: the system text and one definition per phase, in the table's order. */
export interface Program {
  system: string;
  phases: PhaseDefinition[];
}

export interface ProgramInput {
  compiled: CompiledBootstrap;
  bootstrapPath: string;
  /** Where the plans go, as the model sees it (`planning/v1.1`): `{outputFolder}` in the tool's text. */
  outputFolder: string;
  /** The tool's own "how this run works" text; `{outputFolder}` is filled in here. */
  toolText: string;
  /**
   * Overrides hand-tuned for the seed bootstrap. Each applies to a phase whose compiled instructions
   * are the seed's own, word for word: they were written for that text and no other.
   */
  seed: { compiled: CompiledBootstrap; overrides: readonly PhaseOverride[] } | undefined;
  /** The user's override folder (`--prompts DIR`, config `pipeline.prompts`): applied to any bootstrap. */
  overrides: readonly PhaseOverride[];
}

/**
 * Pure: the compiled bootstrap with the overrides applied over it. An override naming a phase the
 * bootstrap does not have is a `config` error: it would otherwise be ignored without a word.
 */
export function buildProgram(input: ProgramInput): Program {
  const ids = new Set(input.compiled.phases.map((phase) => phase.id));
  const problems = input.overrides.flatMap((override) => [
    ...(ids.has(override.id) ? [] : [`${override.sourcePath}: id "${override.id}"`]),
    ...(override.reads ?? [])
      .filter((read) => !ids.has(read))
      .map((read) => `${override.sourcePath}: reads: "${read}"`),
  ]);
  if (problems.length > 0) {
    throw new ArcpPlanError("config", "an override names a phase the bootstrap does not have", {
      details: problems,
      hint: `name one of the bootstrap's phases (${[...ids].join(", ")}), or remove the file`,
    });
  }
  const applied = new Map(input.compiled.phases.map((phase) => [phase.id, appliedOverrides(phase, input)]));
  // Reads an override sets are held to the rule the compiler keeps: never a plan written later.
  const reads = withoutLaterReads(
    input.compiled.phases.map((phase) => ({
      id: phase.id,
      needs: phase.needs,
      reads: applied.get(phase.id)!.findLast((override) => override.reads)?.reads ?? phase.reads,
    })),
  );
  return {
    system: buildSystemText(input.compiled, input.toolText, input.outputFolder),
    phases: input.compiled.phases.map((phase, index) =>
      buildPhase(phase, applied.get(phase.id)!, reads[index]!.reads, input.bootstrapPath),
    ),
  };
}

/**
 * The bootstrap's title and persona, then the tool's "how this run works", then the bootstrap's
 * other shared parts in document order (reading list, rules, guardrails, shortlist, …).
 */
function buildSystemText(compiled: CompiledBootstrap, toolText: string, outputFolder: string): string {
  const parts = compiled.system.filter((part) => part.inSystem);
  const persona = parts.filter((part) => part.role === "persona").map((part) => part.text);
  const rest = parts.filter((part) => part.role !== "persona").map((part) => part.text);
  const tool = toolText.replaceAll("{outputFolder}", outputFolder).trim();
  const title = compiled.title ? [`# ${compiled.title.value}`] : [];
  return [...title, ...persona, tool, ...rest].join("\n\n");
}

function buildPhase(
  phase: CompiledPhase,
  applied: readonly AppliedOverride[],
  reads: string[],
  bootstrapPath: string,
): PhaseDefinition {
  const last = <K extends keyof PhaseOverride>(key: K): PhaseOverride[K] | undefined =>
    applied.findLast((override) => override[key] !== undefined)?.[key];
  let checks = phase.checks.map((derived) => derived.check);
  for (const override of applied) {
    checks = override.replaceChecks ? [...override.checks] : checks.concat(override.checks);
  }
  const notes = applied.flatMap((override) => (override.note ? [override.note.trim()] : []));
  const body = [
    applied.findLast((override) => override.body !== "")?.body ?? phase.instructions.text,
    ...notes,
  ]
    .join("\n\n")
    .trimEnd();
  const definition = {
    id: phase.id,
    title: last("title") ?? phase.title,
    output: phase.output,
    needs: phase.needs,
    reads,
    owner: phase.owner,
    ...(last("maxTokens") !== undefined ? { maxTokens: last("maxTokens") } : {}),
    ...(last("model") !== undefined ? { model: last("model") } : {}),
    verbatim: phase.instructions.verbatim && body === phase.instructions.text,
    checks,
    body,
  };
  const files = applied.map(
    (override) => `${basename(override.sourcePath)}${override.builtin ? " (built-in)" : ""}`,
  );
  return {
    ...definition,
    sourcePath: `${bootstrapPath}:${phase.instructions.sectionLine}`,
    promptSource: `bootstrap section Phase ${phase.number}${files.length > 0 ? ` or its override ${files.join(", ")}` : ""}`,
    // No line numbers go in: an edit above this section moves it without changing it.
    promptHash: sha256(canonicalJson(definition)),
  };
}

type AppliedOverride = PhaseOverride & { builtin?: true };

/**
 * The seed's overrides, when the phase's text is the seed's and no user override replaces it, then
 * the user's. (The seed's were written for that text and no other.)
 */
function appliedOverrides(phase: CompiledPhase, input: ProgramInput): AppliedOverride[] {
  const user = input.overrides.filter((override) => override.id === phase.id);
  const seedPhase = input.seed?.compiled.phases.find((candidate) => candidate.id === phase.id);
  const seedText = seedPhase?.instructions.text === phase.instructions.text;
  if (!seedText || user.some((override) => override.body !== "")) return user;
  const seed = input.seed!.overrides.filter((override) => override.id === phase.id);
  return [...seed.map((override) => ({ ...override, builtin: true as const })), ...user];
}
