import { createHash } from "node:crypto";
import type { PhaseKeyComponents } from "../../src/pipeline/phase-key.js";

export const sha = (text: string): string => createHash("sha256").update(text).digest("hex");

/** Key components for a made-up phase; override what a test changes. */
export function components(overrides: Partial<PhaseKeyComponents> = {}): PhaseKeyComponents {
  return {
    systemPromptHash: sha("system"),
    promptHash: sha("prompt v1"),
    bundleFiles: { "src/arcp/session.py": sha("session"), "../spec/docs/draft.md": sha("spec") },
    upstream: { "01-spec-delta.md": sha("plan 01"), "02-current-audit.md": sha("plan 02") },
    model: "model-a",
    parameters: { maxTokens: 12000, maxTurns: 20 },
    toolVersion: "0.1.0",
    lintRulesVersion: "1",
    ...overrides,
  };
}
