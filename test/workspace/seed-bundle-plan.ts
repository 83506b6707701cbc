import type { BundleItem } from "../../src/workspace/bundle-plan.js";

/** A bundle plan in the shape the seed bootstrap's reading list gives, with stable ids for tests. */
export const SEED_BUNDLE_PLAN: readonly BundleItem[] = [
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
