/**
 * The models the fake API serves, with the limits and thinking rules it enforces. Its own table, not
 * the tool's (`src/llm/model-catalog.ts`): the fake is the peer, so a mistake in the tool's table
 * shows up as the 400 a real request would get. Figures as of December 2026.
 */
export type FakeThinking =
  /** Adaptive thinking that cannot be turned off: `disabled` or a budget is a 400. */
  | "always"
  /** Adaptive, on unless `{type: "disabled"}`. */
  | "default-on"
  /** Adaptive when `{type: "adaptive"}` is sent, off otherwise. */
  | "adaptive"
  /** Manual thinking, on only with `{type: "enabled", budget_tokens}`. */
  | "extended";

export interface FakeModel {
  contextWindow: number;
  maxOutput: number;
  thinking: FakeThinking;
}

export const FAKE_MODELS: Readonly<Record<string, FakeModel>> = {
  "claude-opus-5-5": { contextWindow: 1_000_000, maxOutput: 128_000, thinking: "always" },
  "claude-opus-5": { contextWindow: 1_000_000, maxOutput: 128_000, thinking: "default-on" },
  "claude-sonnet-5-5": { contextWindow: 1_000_000, maxOutput: 128_000, thinking: "adaptive" },
  "claude-fable-5-1": { contextWindow: 1_000_000, maxOutput: 128_000, thinking: "always" },
  "claude-haiku-4-5": { contextWindow: 200_000, maxOutput: 64_000, thinking: "extended" },
};

/** Dated ids ("claude-haiku-4-5-20251001") are served as their alias. */
export function findFakeModel(id: string, extra: Readonly<Record<string, FakeModel>>): FakeModel | undefined {
  const table = { ...FAKE_MODELS, ...extra };
  return table[id] ?? table[id.replace(/-(\d{8}|latest)$/, "")];
}
