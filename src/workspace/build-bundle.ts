import type { BundleCandidate, MissingItem } from "./build-bundle-candidates.js";
import { BYTES_PER_TOKEN, estimateTokens } from "./estimate-tokens.js";

export type BundleStatus = "included" | "truncated" | "omitted";

export interface BundleEntry {
  /** The bundle-plan item id the file answers ("sdk-sources"). */
  item: string;
  viewPath: string;
  /** Size of the whole file. */
  bytes: number;
  /** Estimated tokens of the whole file. */
  tokens: number;
  /** Estimated tokens of what is sent: all of it, the kept head, or 0. */
  sentTokens: number;
  status: BundleStatus;
  /** What is sent (included and truncated entries only). */
  content?: string;
  /** For truncated entries: lines sent and lines in the file. */
  lines?: { sent: number; total: number };
  /** sha256 of the whole file, for entries that were read (run-record keys). */
  sha256?: string;
}

export interface BundleTotals {
  files: number;
  bytes: number;
  tokens: number;
  sentTokens: number;
  included: number;
  truncated: number;
  omitted: number;
}

export interface Bundle {
  entries: BundleEntry[];
  missing: MissingItem[];
  totals: BundleTotals;
  budgetTokens: number;
  /** The SDK's detected language ("python", "rust" ...), or "unknown". */
  sdkLanguage: string;
}

export const DEFAULT_BUNDLE_BUDGET_TOKENS = 120_000;
/** Below this many remaining tokens a file is omitted rather than cut to a useless stub. */
export const MIN_TRUNCATED_TOKENS = 200;

export interface BundleSlot {
  candidate: BundleCandidate;
  status: BundleStatus;
  tokens: number;
  /** For truncated slots: how many tokens of the head to keep. */
  keepTokens: number;
}

/**
 * Pure budgeting over sizes alone, so omitted files are never read. Files are taken in plan order
 * while they fit; the first that does not fit is cut to the remaining budget (or omitted when under
 * MIN_TRUNCATED_TOKENS would remain) and everything after it is omitted. The bundle is therefore
 * always a prefix of the reading order, which keeps the prompt stable when later files change.
 */
export function layoutBundle(candidates: readonly BundleCandidate[], budgetTokens: number): BundleSlot[] {
  let remaining = budgetTokens;
  let exhausted = false;
  return candidates.map((candidate) => {
    const tokens = estimateTokens(candidate.bytes);
    if (!exhausted && tokens <= remaining) {
      remaining -= tokens;
      return { candidate, status: "included", tokens, keepTokens: tokens };
    }
    const keep = exhausted ? 0 : remaining;
    exhausted = true;
    remaining = 0;
    return keep >= MIN_TRUNCATED_TOKENS
      ? { candidate, status: "truncated", tokens, keepTokens: keep }
      : { candidate, status: "omitted", tokens, keepTokens: 0 };
  });
}

/** Keeps whole lines from the head of `text` within `maxTokens` (at least one line's worth is cut). */
export function truncateText(text: string, maxTokens: number): { text: string; sent: number; total: number } {
  const total = countLines(text);
  const maxBytes = Math.floor(maxTokens * BYTES_PER_TOKEN);
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return { text, sent: total, total };
  // Decoding a byte prefix may end inside a character; the replacement char is dropped with the last line.
  const head = bytes.subarray(0, maxBytes).toString("utf8");
  const cut = head.lastIndexOf("\n");
  const kept = cut >= 0 ? head.slice(0, cut + 1) : "";
  return { text: kept, sent: countLines(kept), total };
}

/** Assembles the final bundle from the layout and the contents read for non-omitted slots. */
export function buildBundle(
  slots: readonly BundleSlot[],
  contents: ReadonlyMap<string, { text: string; sha256: string }>,
  missing: readonly MissingItem[],
  budgetTokens: number,
  sdkLanguage: string,
): Bundle {
  const entries = slots.map((slot): BundleEntry => {
    const { candidate, status, tokens } = slot;
    const base = { item: candidate.item, viewPath: candidate.viewPath, bytes: candidate.bytes, tokens };
    const read = contents.get(candidate.viewPath);
    if (status === "omitted" || read === undefined) return { ...base, status: "omitted", sentTokens: 0 };
    if (status === "included") {
      return { ...base, status, sentTokens: tokens, content: read.text, sha256: read.sha256 };
    }
    const cut = truncateText(read.text, slot.keepTokens);
    return {
      ...base,
      status,
      sentTokens: estimateTokens(Buffer.byteLength(cut.text, "utf8")),
      content: cut.text,
      lines: { sent: cut.sent, total: cut.total },
      sha256: read.sha256,
    };
  });
  const count = (status: BundleStatus) => entries.filter((entry) => entry.status === status).length;
  return {
    entries,
    missing: [...missing],
    totals: {
      files: entries.length,
      bytes: entries.reduce((sum, entry) => sum + entry.bytes, 0),
      tokens: entries.reduce((sum, entry) => sum + entry.tokens, 0),
      sentTokens: entries.reduce((sum, entry) => sum + entry.sentTokens, 0),
      included: count("included"),
      truncated: count("truncated"),
      omitted: count("omitted"),
    },
    budgetTokens,
    sdkLanguage,
  };
}

function countLines(text: string): number {
  if (text === "") return 0;
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}
