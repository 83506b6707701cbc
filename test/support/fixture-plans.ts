import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FakeReplySpec, Latency, RecordedRequest, Responder } from "./fake-anthropic-server.js";
import { repoRoot } from "./run-cli.js";

/** The ten lint-clean plans of the fixture workspace, by phase id ("05-middleware" → its text). */
export async function loadFixturePlans(): Promise<Map<string, string>> {
  const dir = join(repoRoot, "fixtures/workspace/python-sdk/planning/v1.1");
  const plans = new Map<string, string>();
  for (const file of (await readdir(dir)).filter((name) => name.endsWith(".md")).sort()) {
    plans.set(file.replace(/\.md$/, ""), await readFile(join(dir, file), "utf8"));
  }
  return plans;
}

export interface PlanResponderOptions {
  /** Latency per phase id (phases not listed use the server's default). */
  latency?: (phaseId: string) => Latency | undefined;
  /** Answers for particular phases; return undefined to fall back to the fixture plan. */
  override?: (request: RecordedRequest) => FakeReplySpec | undefined;
}

/**
 * A fake-server responder that answers every phase with its fixture plan, in one turn and without
 * tools. A request for an unknown phase gets a 400, so a wrong header fails loudly.
 */
export function answerWithPlans(
  plans: ReadonlyMap<string, string>,
  options: PlanResponderOptions = {},
): Responder {
  return (request) => {
    const phaseId = request.phaseId ?? "";
    const chosen = options.override?.(request) ?? plans.get(phaseId);
    if (chosen === undefined)
      return { fault: { kind: "http", status: 400, message: `no plan for "${phaseId}"` } };
    const latency = options.latency?.(phaseId);
    const reply = typeof chosen === "string" ? { content: chosen } : chosen;
    return latency && !reply.latency ? { ...reply, latency } : reply;
  };
}

/** The text of the last user message of a request (all its text blocks joined). */
export function lastUserText(request: RecordedRequest): string {
  const last = request.body.messages.findLast((message) => message.role === "user");
  if (!last) return "";
  if (typeof last.content === "string") return last.content;
  return last.content
    .map((block) => (block.type === "text" && typeof block.text === "string" ? block.text : ""))
    .join("\n");
}

/** Whether a request is a lint-repair turn (the pipeline's follow-up that lists the findings). */
export function isRepairRequest(request: RecordedRequest): boolean {
  return /^The linter found \d+ error/.test(lastUserText(request));
}
