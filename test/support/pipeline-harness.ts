import { afterAll, afterEach, beforeAll } from "vitest";
import { type FakeAnthropicServer, startFakeAnthropicServer } from "./fake-anthropic-server.js";
import { answerWithPlans, loadFixturePlans } from "./fixture-plans.js";
import { createPipelineWorkspace, type PipelineWorkspace } from "./pipeline-workspace.js";

// The fake API and fixture plans every end-to-end and reliability file shares. `server` and `plans`
// are ES live bindings set by the hooks; vitest gives each test file its own module instance.
export let server: FakeAnthropicServer;
export let plans: Map<string, string>;
const created: PipelineWorkspace[] = [];

export interface PipelineHarnessOptions {
  /**
   * Answer every phase with its fixture plan for the whole file, clearing only the request log
   * between tests; without it, each test scripts its own replies and the server is reset after it.
   */
  answerWithFixturePlans?: boolean;
}

/** Starts the fake API once per file and cleans up every workspace a test created. */
export function usePipelineHarness(options: PipelineHarnessOptions = {}): void {
  beforeAll(async () => {
    plans = await loadFixturePlans();
    server = await startFakeAnthropicServer();
    if (options.answerWithFixturePlans) server.setResponder(answerWithPlans(plans));
  });
  afterAll(() => server.close());
  afterEach(async () => {
    if (options.answerWithFixturePlans) server.requests.length = 0;
    else server.reset();
    await Promise.all(created.splice(0).map((workspace) => workspace.cleanup()));
  });
}

/** A fresh copy of the fixture workspace without plans, removed after the test. */
export async function newPipelineWorkspace(): Promise<PipelineWorkspace> {
  const workspace = await createPipelineWorkspace();
  created.push(workspace);
  return workspace;
}
