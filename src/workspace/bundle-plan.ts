import type { RootName } from "./view-path.js";

/**
 * The bootstrap's "Ground truth — read in this order" list, as data. The bundle follows this order
 * and, under a token budget, keeps a prefix of it. Items phrased in Python terms by the bootstrap
 * (`pyproject.toml`, `src/`, `tests/`) are resolved through the SDK's language profile.
 */
export type BundleItem =
  | { id: string; label: string; kind: "spec-draft"; which: "current" | "previous" }
  | { id: string; label: string; kind: "file"; root: RootName; path: string }
  | { id: string; label: string; kind: "folder"; root: RootName; path: string }
  | { id: string; label: string; kind: "sdk-manifest" | "sdk-sources" | "sdk-tests" };

export const BUNDLE_PLAN: readonly BundleItem[] = [
  { id: "spec-current", label: "spec draft of the target version", kind: "spec-draft", which: "current" },
  {
    id: "reference-readme",
    label: "../typescript-sdk/README.md",
    kind: "file",
    root: "reference",
    path: "README.md",
  },
  {
    id: "reference-conformance",
    label: "../typescript-sdk/CONFORMANCE.md",
    kind: "file",
    root: "reference",
    path: "CONFORMANCE.md",
  },
  {
    id: "reference-examples-readme",
    label: "../typescript-sdk/examples/README.md",
    kind: "file",
    root: "reference",
    path: "examples/README.md",
  },
  {
    id: "reference-middleware",
    label: "../typescript-sdk/packages/middleware/",
    kind: "folder",
    root: "reference",
    path: "packages/middleware",
  },
  { id: "sdk-conformance", label: "CONFORMANCE.md", kind: "file", root: "sdk", path: "CONFORMANCE.md" },
  { id: "sdk-plan", label: "PLAN.md", kind: "file", root: "sdk", path: "PLAN.md" },
  { id: "sdk-readme", label: "README.md", kind: "file", root: "sdk", path: "README.md" },
  { id: "sdk-manifest", label: "SDK manifest (pyproject.toml or equivalent)", kind: "sdk-manifest" },
  { id: "sdk-sources", label: "SDK sources (src/ or equivalent)", kind: "sdk-sources" },
  { id: "sdk-tests", label: "SDK tests (tests/ or equivalent)", kind: "sdk-tests" },
  // Not in the bootstrap's list: the v1.0 draft serves the spec delta (phase 1). Last, so a tight
  // budget drops it first.
  { id: "spec-previous", label: "spec draft of the previous version", kind: "spec-draft", which: "previous" },
];
