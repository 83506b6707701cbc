import type { RootName } from "./view-path.js";

/**
 * What the bundle reads, in order (the pipeline makes it from the bootstrap's reading list); under a
 * token budget the bundle keeps a prefix of it. The SDK's manifest, sources and tests are resolved
 * through its language profile.
 */
export type BundleItem =
  | { id: string; label: string; kind: "spec-draft"; which: "current" | "previous" }
  | { id: string; label: string; kind: "file"; root: RootName; path: string }
  | { id: string; label: string; kind: "folder"; root: RootName; path: string }
  | { id: string; label: string; kind: "sdk-manifest" | "sdk-sources" | "sdk-tests" };
