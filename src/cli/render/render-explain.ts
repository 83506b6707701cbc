import type { StructureCheck } from "../../lint/structure-check.js";
import type { CompiledBootstrap, CompiledPhase } from "../../pipeline/compile-bootstrap.js";
import type { PhaseDefinition } from "../../pipeline/phase-definition.js";
import { estimateTokens } from "../../workspace/estimate-tokens.js";
import { renderTable } from "./render-table.js";

/**
 * `arcp-plan explain` as text: what the bootstrap compiled to, each item with the bootstrap line it
 * came from. Pure. Sizes are bytes and estimated tokens (the bundle's estimator).
 */
const number = (value: number) => value.toLocaleString("en-US");
const size = (text: string) => {
  const bytes = Buffer.byteLength(text, "utf8");
  return `${number(bytes)} bytes, ~${number(estimateTokens(bytes))} tokens`;
};
const short = (ids: readonly string[]) =>
  ids.length === 0 ? "-" : ids.map((id) => id.slice(0, 2)).join(",");

/** A compiled phase, what it runs as after the overrides, and the model it would use. */
export interface ExplainedPhase {
  phase: CompiledPhase;
  definition: PhaseDefinition;
  model: string;
  /** The output cap a run gives it (override, config `model.maxTokens` or the default). */
  maxTokens: number;
  /** Checks added by override files (not derived from the phase's text). */
  overrideChecks: StructureCheck[];
}

const ORIGIN: Record<string, string> = {
  flag: "--bootstrap",
  config: "config pipeline.bootstrap",
  checkout: "the SDK checkout's BOOTSTRAP.md",
  builtin: "the built-in seed",
};

export function renderExplainOverview(
  compiled: CompiledBootstrap,
  source: { path: string; origin: string },
  explained: readonly ExplainedPhase[],
  system: string,
): string {
  const sent = compiled.system.filter((part) => part.inSystem);
  const lines = [
    `${source.path} (${ORIGIN[source.origin]})${compiled.title ? `: ${compiled.title.value}` : ""}`,
    `protocol ${compiled.protocolVersion.value} (line ${compiled.protocolVersion.line}); plans in ${compiled.outputFolder.value}/; draft it names ${compiled.specDraft ? `${compiled.specDraft.value} (line ${compiled.specDraft.line}; runs use the draft that states ${compiled.protocolVersion.value}, see run --dry-run)` : "none (runs use the draft that states the version)"}`,
    "",
    `system text: ${sent.length} of ${compiled.system.length} parts sent with the tool's "how this run works", ${size(system)}`,
    renderTable(
      ["part", "heading", "line", "size", "sent"],
      compiled.system.map((part) => [
        part.role,
        part.heading || "-",
        String(part.line),
        size(part.text),
        part.inSystem ? "yes" : 'no (the tool\'s "how this run works" replaces it)',
      ]),
    ),
    "",
    `banned words (${compiled.bannedWords.length}): ${compiled.bannedWords.map((word) => `${word.word}${word.note ? ` ${word.note}` : ""} (line ${word.line})`).join(", ") || "none"}`,
    `reading list (${compiled.readingList.length}): ${compiled.readingList.map((item) => `${item.path} (line ${item.line})`).join(", ") || "none"}`,
    "",
    renderTable(
      ["phase", "owner", "needs", "reads", "model", "instructions", "size", "checks"],
      explained.map(({ phase, definition, model }) => [
        phase.id,
        phase.owner,
        short(definition.needs),
        short(definition.reads),
        model,
        `${phase.instructions.form}, lines ${phase.instructions.line}-${phase.instructions.endLine}`,
        size(definition.body),
        String(definition.checks.length),
      ]),
    ),
    "",
    "run 'arcp-plan explain <phase>' for one phase's checks and where each came from",
  ];
  return `${lines.join("\n")}\n`;
}

export function renderExplainPhase(
  { phase, definition, model, maxTokens, overrideChecks }: ExplainedPhase,
  notUpstream: readonly string[],
  system: string,
): string {
  const list = (ids: readonly string[]) => (ids.length === 0 ? "-" : ids.join(", "));
  const { instructions } = phase;
  const kept = new Set(definition.checks);
  const replaced = phase.checks.some((derived) => !kept.has(derived.check));
  const lines = [
    `${phase.id} — ${phase.title} (${phase.owner}), section at line ${instructions.sectionLine}`,
    `output:       ${phase.outputPath} (table row, line ${phase.line})`,
    `needs:        ${list(phase.needs)} (Depends on: "${phase.dependsOn}")${phase.inputs.length > 0 ? `; outside the pipeline: ${phase.inputs.join(", ")}` : ""}`,
    `reads:        ${list(definition.reads)}`,
    ...(notUpstream.length > 0
      ? [`              not upstream in the table's schedule, written in parallel: ${notUpstream.join(", ")}`]
      : []),
    `model:        ${model}, at most ${number(maxTokens)} output tokens`,
    `instructions: ${instructions.form}${definition.verbatim ? " (used verbatim)" : ""}, lines ${instructions.line}-${instructions.endLine}, ${size(definition.body)}${definition.body === instructions.text ? "" : " after overrides"}`,
    `system text:  ${size(system)} (shared by every phase)`,
    "",
    `checks derived from the phase's text (${phase.checks.length})${replaced ? ", replaced by an override's" : ""}:`,
    ...phase.checks.flatMap((derived) => [
      `  line ${derived.line}  ${derived.rule}  ${derived.check.kind}: ${derived.check.name}`,
      `    from:  ${derived.source}`,
      `    check: ${describeCheck(derived.check)}`,
    ]),
    ...(overrideChecks.length > 0
      ? [
          `checks from override files (${overrideChecks.length}):`,
          ...overrideChecks.flatMap((check) => [
            `  ${check.kind}: ${check.name}${check.languages ? ` (for ${check.languages.join(", ")} SDKs)` : ""}`,
            `    check: ${describeCheck(check)}`,
          ]),
        ]
      : []),
  ];
  return `${lines.join("\n")}\n`;
}

/** What a check asks of the plan, in one line. */
function describeCheck(check: StructureCheck): string {
  const slashed = (patterns: readonly string[]) => patterns.map((pattern) => `/${pattern}/`).join(", ");
  switch (check.kind) {
    case "mentions":
      return `the plan matches ${slashed(check.patterns)}`;
    case "headings":
      return `a heading matches each of ${slashed(check.patterns)}`;
    case "code-block":
      return `a fenced code block matches /${check.pattern}/`;
    case "count":
      return `at least ${check.min} distinct matches of /${check.pattern}/`;
    case "covers":
      return `every item of the workspace's ${check.items} is mentioned`;
    case "table":
      return `a table with columns ${slashed(check.columns)}${check.rowPerItem ? `, one row per item of the workspace's ${check.rowPerItem}` : ""}${check.minRows !== undefined ? `, at least ${check.minRows} rows` : ""}`;
  }
}
