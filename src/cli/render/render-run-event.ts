import type { PipelineEvent } from "../../pipeline/pipeline-events.js";
import { formatDuration, formatUsage, formatUsd } from "./format-cost.js";

/** One line per event naming the phase: the non-terminal (CI) progress view. Pure. */
export function renderRunEvent(event: PipelineEvent): string | undefined {
  switch (event.type) {
    case "run-start":
      return `run: ${event.phases.length} phase(s), schedule ${event.schedule}, concurrency ${event.concurrency}`;
    case "phase-fresh":
      return `${event.phase}: ${event.untracked ? "kept a plan not written by arcp-plan (--force regenerates it)" : `fresh, kept${event.editedByHand ? " (edited by hand)" : ""}`}`;
    case "phase-held":
      return `${event.phase}: ${event.reason}`;
    case "phase-start":
      return `${event.phase}: started on ${event.model} (${event.why})`;
    case "phase-wait":
      return `${event.phase}: waiting for the prompt cache (${event.first} writes it first)`;
    case "phase-resume":
      return undefined;
    case "phase-call":
      return `${event.phase}: call ${event.turn}${event.unanswered ? " (failed or interrupted, billed)" : ""}: ${formatUsage(event.usage)}, ${formatUsd(event.costUsd)}`;
    case "phase-tool":
      return `${event.phase}: tool ${event.tool}${event.isError ? " (error)" : ""}: ${event.summary}`;
    case "phase-lint":
      return `${event.phase}: lint${event.round > 0 ? ` after repair ${event.round}` : ""}: ${event.errors} error(s), ${event.warnings} warning(s)`;
    case "phase-end": {
      const s = event.summary;
      const parts = [`${s.phase}: ${s.state}`];
      if (s.file && (s.state === "done" || s.state === "failed-lint")) parts.push(`wrote ${s.file}`);
      if (s.durationMs !== undefined) parts.push(formatDuration(s.durationMs));
      if (s.usage) parts.push(formatUsd(s.costUsd));
      if (s.reason && s.state !== "fresh") parts.push(s.reason);
      return s.state === "fresh" ? undefined : parts.join(", ");
    }
    case "plan-kept":
      return `${event.phase}: kept ${event.kept.file} (${event.kept.reason}) as ${event.kept.keptAs} before overwriting it`;
    case "warning":
      return `warning: ${event.message}`;
    case "run-end":
      return undefined;
  }
}
