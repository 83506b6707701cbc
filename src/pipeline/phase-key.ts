import * as z from "zod";
import { canonicalJson } from "./canonical-json.js";
import { sha256 } from "./sha256.js";

/**
 * Everything that can change a phase's output. The key is a hash over all of it; the components are
 * kept beside the key in the run record so staleness can say WHICH input changed.
 */
const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "expected a sha256 hex digest");

export const phaseKeyComponentsSchema = z.object({
  /** sha256 of the shared system text (the bootstrap's shared parts and the tool's text). */
  systemPromptHash: sha256Hex,
  /** sha256 of the phase's compiled section and overrides (`PhaseDefinition.promptHash`). */
  promptHash: sha256Hex,
  /** Bundle files the phase was given: view path (`src/...`, `../spec/...`) → sha256. */
  bundleFiles: z.record(z.string(), sha256Hex),
  /** Upstream plans the phase was given: output file name (`01-spec-delta.md`) → sha256. */
  upstream: z.record(z.string(), sha256Hex),
  model: z.string().min(1),
  /** Model and loop parameters that shape the answer (max tokens, max turns, max repairs, ...). */
  parameters: z.record(z.string(), jsonValue),
  toolVersion: z.string().min(1),
  lintRulesVersion: z.string().min(1),
});

export type PhaseKeyComponents = z.infer<typeof phaseKeyComponentsSchema>;

export interface PhaseKey {
  key: string;
  components: PhaseKeyComponents;
}

/** Pure: sha256 over the canonical JSON (keys sorted at every depth) of the components. */
export function buildPhaseKey(components: PhaseKeyComponents): PhaseKey {
  return { key: sha256(canonicalJson(components)), components };
}
