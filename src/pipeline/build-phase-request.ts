import { createHash } from "node:crypto";
import type { Message, TextBlock, ToolDefinition } from "../llm/model.js";
import type { PhaseDefinition } from "./phase-definition.js";

/** A plan written by an upstream phase, as the prompt carries it. */
export interface UpstreamPlan {
  /** Output file name ("01-spec-delta.md"). */
  output: string;
  text: string;
}

export interface PhaseRequestInput {
  phase: PhaseDefinition;
  /** The shared system text (the bootstrap's shared parts and the tool's "how this run works"). */
  systemPrompt: string;
  /** The context bundle rendered for the prompt. */
  bundleText: string;
  /** Upstream plans in phase-id order; phases with the same upstream get byte-identical blocks. */
  upstream: readonly UpstreamPlan[];
  /** Output files the phase's prompt mentions that are being written in parallel in this schedule. */
  siblingsNotAvailable: readonly string[];
  /** Where plans live as seen from the SDK checkout ("planning/v1.1"). */
  outViewDir: string;
  /** Lifetime of the bundle's cache entry (see `chooseBundleCacheTtl`); default five minutes. */
  bundleCacheTtl?: "5m" | "1h";
}

export interface PhaseRequest {
  system: TextBlock[];
  messages: Message[];
}

/**
 * Lays a phase's prompt out for the prompt cache: stable content first. The system rules, then the
 * bundle (breakpoint 1: every phase shares it), then the upstream plans (breakpoint 2: phases 3-9 of
 * the default graph share 01 + 02 byte for byte), and only then what differs per phase. The
 * conversation's own breakpoints (tool turns, repairs) are placed per call by the model layer
 * (`cacheConversation`). Pure.
 */
export function buildPhaseRequest(input: PhaseRequestInput): PhaseRequest {
  const system: TextBlock[] = [
    { type: "text", text: input.systemPrompt },
    {
      type: "text",
      text: `# Context bundle\n\n${input.bundleText}`,
      cacheBreakpoint: true,
      ...(input.bundleCacheTtl === "1h" ? { cacheTtl: "1h" as const } : {}),
    },
  ];
  const content: TextBlock[] = [];
  if (input.upstream.length > 0) {
    content.push({
      type: "text",
      text: renderUpstream(input.upstream, input.outViewDir),
      cacheBreakpoint: true,
    });
  }
  content.push({ type: "text", text: renderInstructions(input) });
  return { system, messages: [{ role: "user", content }] };
}

function renderUpstream(upstream: readonly UpstreamPlan[], outViewDir: string): string {
  const plans = upstream.map((plan) => {
    const body = plan.text.endsWith("\n") ? plan.text : `${plan.text}\n`;
    return `<plan path="${outViewDir}/${plan.output}">\n${body}</plan>`;
  });
  return `# Upstream plans\n\nWritten by earlier phases of this run; they ground this phase.\n\n${plans.join("\n\n")}\n`;
}

function renderInstructions(input: PhaseRequestInput): string {
  const { phase } = input;
  const target = `${input.outViewDir}/${phase.output}`;
  const parts = [`# Phase ${phase.id}: ${phase.title}`];
  if (input.siblingsNotAvailable.length > 0) {
    const names = input.siblingsNotAvailable.map((name) => `\`${input.outViewDir}/${name}\``).join(", ");
    parts.push(
      `Note on the reading list below: ${names} ${input.siblingsNotAvailable.length === 1 ? "is" : "are"} being written in parallel by other phases of this run and ${input.siblingsNotAvailable.length === 1 ? "is" : "are"} not available to you. Do not cite ${input.siblingsNotAvailable.length === 1 ? "its" : "their"} contents or headings; where your plan depends on ${input.siblingsNotAvailable.length === 1 ? "it" : "them"}, state the assumption you make.`,
    );
  }
  parts.push(phase.body);
  parts.push(
    `Write \`${target}\`. Your final answer (the message in which you call no tool) is the whole file, exactly as it will be saved: start with its \`#\` title; no preamble, no closing remarks, no code fence around the document.`,
  );
  return `${parts.join("\n\n")}\n`;
}

/**
 * Identifies the cacheable prefix of a request: everything up to and including its last breakpoint,
 * with the model and tools (which precede the system prompt in the cache's order). Requests with equal
 * ids can share one cache entry, so only the first of them needs to go out cold.
 */
export function cachePrefixId(
  model: string,
  tools: readonly ToolDefinition[],
  request: PhaseRequest,
): string {
  const blocks: TextBlock[] = [...request.system];
  const first = request.messages[0];
  if (first) blocks.push(...first.content.filter((block): block is TextBlock => block.type === "text"));
  const lastBreakpoint = blocks.findLastIndex((block) => block.cacheBreakpoint === true);
  const prefix = blocks.slice(0, lastBreakpoint + 1).map((block) => block.text);
  return createHash("sha256")
    .update(JSON.stringify({ model, tools: tools.map((tool) => tool.name), prefix }))
    .digest("hex");
}
