import { BOOTSTRAP_ASSERTIONS } from "./bootstrap-assertions.js";
import type { SpecDrafts } from "./spec-drafts.js";
import type { WorkspaceFacts } from "./workspace-facts.js";

export type CheckStatus = "ok" | "warn" | "fail";

export interface Check {
  /** Stable id for JSON consumers, e.g. "drift.examples". */
  id: string;
  status: CheckStatus;
  message: string;
  details?: string[];
}

/**
 * Pure: compares what the bootstrap asserts with what the workspace holds. Drift is a warning (the
 * pipeline adapts: prompts get the real file name and the real example list), except where a phase
 * would have nothing to work from.
 */
export function buildDriftChecks(
  facts: WorkspaceFacts,
  drafts: SpecDrafts | undefined,
  examplesReadme?: string,
): Check[] {
  const checks: Check[] = [];
  const wanted = BOOTSTRAP_ASSERTIONS.exampleCount;
  const examples = facts.referenceExamples;
  checks.push(
    examples.length === wanted
      ? { id: "drift.examples", status: "ok", message: `examples: ${examples.length}, as the bootstrap says` }
      : {
          id: "drift.examples",
          status: examples.length === 0 ? "fail" : "warn",
          message:
            examples.length === 0
              ? `examples: the bootstrap expects ${wanted}; ../typescript-sdk/examples/ has no example folders (phase 6 has nothing to mirror)`
              : `examples: the bootstrap says ${wanted}; ../typescript-sdk/examples/ has ${examples.length} (plans mirror the ${examples.length} that exist)`,
          details: examples.length > 0 ? [examples.join(", ")] : undefined,
        },
  );

  if (examplesReadme !== undefined && examples.length > 0) {
    checks.push(examplesReadmeCheck(examples, examplesReadme));
  }

  for (const name of BOOTSTRAP_ASSERTIONS.middleware) {
    const found = facts.referenceMiddleware.includes(name);
    checks.push({
      id: `drift.middleware.${name}`,
      status: found ? "ok" : "warn",
      message: found
        ? `middleware/${name}: present`
        : `middleware/${name}: named by the bootstrap but missing from ../typescript-sdk/packages/middleware/`,
    });
  }
  const extra = facts.referenceMiddleware.filter(
    (name) => !(BOOTSTRAP_ASSERTIONS.middleware as readonly string[]).includes(name),
  );
  if (extra.length > 0) {
    checks.push({
      id: "drift.middleware.extra",
      status: "warn",
      message: `middleware: ${extra.map((name) => `${name}/`).join(", ")} present but not named by the bootstrap`,
    });
  }

  if (drafts !== undefined) {
    const named = BOOTSTRAP_ASSERTIONS.specViewPath;
    checks.push(
      drafts.current.viewPath === named
        ? { id: "drift.spec-file", status: "ok", message: `spec file: ${named}, as the bootstrap says` }
        : {
            id: "drift.spec-file",
            status: "warn",
            message: `spec file: the bootstrap names ${named}; the v1.1 draft is ${drafts.current.viewPath} (prompts use the real path)`,
          },
    );
  }

  checks.push(
    facts.sdkLanguage === BOOTSTRAP_ASSERTIONS.sdkLanguage
      ? { id: "drift.sdk-language", status: "ok", message: `SDK language: ${facts.sdkLanguage}` }
      : {
          id: "drift.sdk-language",
          status: "warn",
          message: `SDK language: ${facts.sdkLanguage}; arcp-plan's built-in prompts are written for a Python SDK${facts.sdkBootstrap ? " (this checkout's own BOOTSTRAP.md is not read by this version)" : ""}`,
        },
  );
  return checks;
}

/** A relative link target's first folder (`[x](hello-session/)`, `(./heartbeat/main.ts)`). */
const LINKED_FOLDER = /\]\(\s*<?(?:\.\/)?([^\s()<>/#?:]+)\//g;

/**
 * Phase 6 mirrors the example folders and reads `examples/README.md` to learn what each one shows, so
 * the two should agree: every folder named in the README (as a word or a path), and every folder the
 * README links to present on disk.
 */
function examplesReadmeCheck(examples: readonly string[], readme: string): Check {
  const unmentioned = examples.filter((name) => !mentions(readme, name));
  const linked = new Set([...readme.matchAll(LINKED_FOLDER)].map((match) => match[1]!));
  const missing = [...linked].filter((name) => name !== ".." && !examples.includes(name)).sort();
  if (unmentioned.length === 0 && missing.length === 0) {
    return {
      id: "drift.examples-readme",
      status: "ok",
      message: `examples/README.md: names all ${examples.length} example folders`,
    };
  }
  const details = [
    ...(unmentioned.length > 0 ? [`not in the README: ${unmentioned.join(", ")}`] : []),
    ...(missing.length > 0 ? [`linked but not on disk: ${missing.join(", ")}`] : []),
  ];
  return {
    id: "drift.examples-readme",
    status: "warn",
    message: `examples/README.md and ../typescript-sdk/examples/ disagree (plans mirror the folders on disk)`,
    details,
  };
}

/** Whether `text` names the folder `name` on its own: not inside a longer name such as `name-v2`. */
function mentions(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1] ?? " ";
    const after = text[at + name.length] ?? " ";
    if (!/[\w.-]/.test(before) && !/[\w-]/.test(after)) return true;
  }
  return false;
}
