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

/** What the bootstrap in force asserts about the workspace; a claim it does not make is undefined. */
export interface BootstrapClaims {
  /** Where it is, for messages. */
  source: string;
  /** "the 18 examples to mirror". */
  exampleCount: number | undefined;
  /** `packages/middleware/{node,express,…}`. */
  middleware: readonly string[] | undefined;
  /** The spec draft it names (`../spec/docs/draft-arcp-02.1.md`). */
  specViewPath: string | undefined;
  /** The SDK language it is written for ("rust"). */
  language: string | undefined;
}

/**
 * Pure: compares what the bootstrap asserts with what the workspace holds. Drift is a warning (the
 * pipeline adapts: prompts get the real file name and the real example list), except where a phase
 * would have nothing to work from.
 */
export function buildDriftChecks(
  facts: WorkspaceFacts,
  drafts: SpecDrafts | undefined,
  claims: BootstrapClaims,
  examplesReadme?: string,
): Check[] {
  const checks: Check[] = [];
  const wanted = claims.exampleCount;
  const examples = facts.referenceExamples;
  checks.push(
    examples.length === wanted || (wanted === undefined && examples.length > 0)
      ? {
          id: "drift.examples",
          status: "ok",
          message: `examples: ${examples.length}${wanted === undefined ? " (the bootstrap states no count)" : ", as the bootstrap says"}`,
        }
      : {
          id: "drift.examples",
          status: examples.length === 0 ? "fail" : "warn",
          message:
            examples.length === 0
              ? `examples: the bootstrap expects ${wanted ?? "some"}; ../typescript-sdk/examples/ has no example folders (phase 6 has nothing to mirror)`
              : `examples: the bootstrap says ${wanted}; ../typescript-sdk/examples/ has ${examples.length} (plans mirror the ${examples.length} that exist)`,
          details: examples.length > 0 ? [examples.join(", ")] : undefined,
        },
  );

  if (examplesReadme !== undefined && examples.length > 0) {
    checks.push(examplesReadmeCheck(examples, examplesReadme));
  }

  checks.push(...middlewareChecks(facts, claims.middleware));
  if (drafts !== undefined) checks.push(specFileCheck(drafts, claims.specViewPath));
  checks.push(languageCheck(facts.sdkLanguage, claims));
  return checks;
}

function middlewareChecks(facts: WorkspaceFacts, named: readonly string[] | undefined): Check[] {
  if (named === undefined) return [];
  const checks: Check[] = [];
  for (const name of named) {
    const found = facts.referenceMiddleware.includes(name);
    checks.push({
      id: `drift.middleware.${name}`,
      status: found ? "ok" : "warn",
      message: found
        ? `middleware/${name}: present`
        : `middleware/${name}: named by the bootstrap but missing from ../typescript-sdk/packages/middleware/`,
    });
  }
  const extra = facts.referenceMiddleware.filter((name) => !named.includes(name));
  if (extra.length > 0) {
    checks.push({
      id: "drift.middleware.extra",
      status: "warn",
      message: `middleware: ${extra.map((name) => `${name}/`).join(", ")} present but not named by the bootstrap`,
    });
  }
  return checks;
}

function specFileCheck(drafts: SpecDrafts, named: string | undefined): Check {
  const found = drafts.current.viewPath;
  const version = `the v${drafts.current.version} draft`;
  if (named === undefined) {
    return {
      id: "drift.spec-file",
      status: "ok",
      message: `spec file: ${found} (${version}; the bootstrap names none)`,
    };
  }
  return named === found
    ? { id: "drift.spec-file", status: "ok", message: `spec file: ${named}, as the bootstrap says` }
    : {
        id: "drift.spec-file",
        status: "warn",
        message: `spec file: the bootstrap names ${named}; ${version} is ${found} (prompts use the real path)`,
      };
}

function languageCheck(language: string, claims: BootstrapClaims): Check {
  if (claims.language === undefined || claims.language === language) {
    const note = claims.language === undefined ? " (the bootstrap's title names no language)" : "";
    return { id: "drift.sdk-language", status: "ok", message: `SDK language: ${language}${note}` };
  }
  return {
    id: "drift.sdk-language",
    status: "warn",
    message: `SDK language: ${language}; the bootstrap in force (${claims.source}) is written for ${claims.language}, so its phase checks are warnings here`,
    details: [
      "hint: put this SDK's own BOOTSTRAP.md in the checkout, or pass --bootstrap FILE (config: pipeline.bootstrap)",
    ],
  };
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
