import { parentPort } from "node:worker_threads";
import type { PlanHeading } from "../../lint/lint-context.js";
import { lintParsedDocument } from "../../lint/lint-markdown.js";
import { type LintMessageData, toMessageData } from "../../lint/lint-message.js";
import { type PlanDocument, parsePlanDocument, planHeadings } from "../../lint/plan-document.js";
import { buildLintContext } from "../../pipeline/build-lint-context.js";
import { type PortableLintEnvironment, restoreLintEnvironment } from "./portable-lint-environment.js";

/**
 * Worker thread for `arcp-plan lint` on many files (started by `lint-in-workers.ts`). Two requests,
 * in order: `parse` (its share of the plans; answers with their headings, so the main thread can
 * build sibling headings without parsing any plan twice), then `lint` (with the environment).
 */
export type LintWorkerRequest =
  | { type: "parse"; texts: string[] }
  | { type: "lint"; environment: PortableLintEnvironment; files: string[] };

export interface PortableLintReport {
  messages: LintMessageData[];
  words: number;
  readingMinutes: number;
}

export type LintWorkerReply =
  | { type: "parsed"; headings: PlanHeading[][] }
  | { type: "linted"; reports: PortableLintReport[] };

const port = parentPort;
if (port) {
  let docs: PlanDocument[] = [];
  port.on("message", (request: LintWorkerRequest) => {
    if (request.type === "parse") {
      docs = request.texts.map((text) => parsePlanDocument(text));
      port.postMessage({ type: "parsed", headings: docs.map(planHeadings) } satisfies LintWorkerReply);
      return;
    }
    const environment = restoreLintEnvironment(request.environment);
    const reports = docs.map((doc, index): PortableLintReport => {
      const report = lintParsedDocument(doc, buildLintContext(environment, request.files[index]!));
      return {
        messages: report.messages.map(toMessageData),
        words: report.words,
        readingMinutes: report.readingMinutes,
      };
    });
    docs = [];
    port.postMessage({ type: "linted", reports } satisfies LintWorkerReply);
  });
}
