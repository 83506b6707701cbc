import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answerWithPlans } from "../support/fixture-plans.js";
import { newPipelineWorkspace, plans, server, usePipelineHarness } from "../support/pipeline-harness.js";
import { PHASE_IDS } from "../support/pipeline-workspace.js";
import { repoRoot } from "../support/run-cli.js";

// Issue 13 "Done when": the SDK's BOOTSTRAP.md is the program. An edit to one phase section stales
// exactly that phase and its dependents; a bootstrap rewritten for v1.2 plans into planning/v1.2
// against the draft that states 1.2, with no code change.

usePipelineHarness();

interface StatusJson {
  phases: { phase: string; state: string; reasons?: string[] }[];
}

const seedBootstrap = () => readFile(join(repoRoot, "prompts/BOOTSTRAP.md"), "utf8");
const systemOf = (phaseId: string) => JSON.stringify(server.requestsFor(phaseId)[0]?.body.system);
const messagesOf = (phaseId: string) => JSON.stringify(server.requestsFor(phaseId)[0]?.body.messages);

describe("the SDK checkout's BOOTSTRAP.md", () => {
  it("is what runs: an edit to Phase 5's section makes 05 and its dependent stale, and nothing else", async () => {
    const ws = await newPipelineWorkspace();
    const seed = await seedBootstrap();
    await writeFile(join(ws.sdk, "BOOTSTRAP.md"), seed);
    server.setResponder(answerWithPlans(plans));
    const first = await ws.run(["run"], { server });
    expect(first.code, first.stderr).toBe(0);
    expect(server.requests.length).toBeGreaterThanOrEqual(PHASE_IDS.length);
    server.requests.length = 0;

    const sentence = "Plan one adapter per TS middleware package.";
    const phase5 = seed.indexOf("### Phase 5");
    const phase6 = seed.indexOf("### Phase 6");
    expect(phase5).toBeGreaterThan(0);
    const edited = `${seed.slice(0, phase6)}${sentence}\n\n${seed.slice(phase6)}`;
    await writeFile(join(ws.sdk, "BOOTSTRAP.md"), edited);

    const status = await ws.run(["status", "--json"]);
    expect(status.code, status.stderr).toBe(1);
    const byPhase = new Map((JSON.parse(status.stdout) as StatusJson).phases.map((p) => [p.phase, p]));
    expect(byPhase.get("05-middleware")?.state).toBe("stale");
    // The seed's hand-tuned override (its token limit, its checks) was written for the seed's text of
    // Phase 5 and no longer applies to the edited one.
    expect(byPhase.get("05-middleware")?.reasons).toEqual([
      "bootstrap section Phase 5 changed",
      "model parameters changed (maxTokens)",
    ]);
    expect(byPhase.get("10-synthesis")?.state).toBe("stale");
    expect(byPhase.get("10-synthesis")?.reasons?.join("\n")).toContain(
      "upstream 05-middleware.md re-runs first",
    );
    const others = PHASE_IDS.filter((id) => id !== "05-middleware" && id !== "10-synthesis");
    for (const id of others) expect(byPhase.get(id)?.state, id).toBe("fresh");
    const human = await ws.run(["status"]);
    expect(human.stdout).toMatch(/05-middleware\s+stale\s+bootstrap section Phase 5 changed/);

    const rerun = await ws.run(["run"], { server });
    expect(rerun.code, rerun.stderr).toBe(0);
    // 05 re-runs with the edited section; the fake answers with the same plan, so 10's input is
    // unchanged and it is kept.
    expect([...new Set(server.requests.map((request) => request.phaseId))]).toEqual(["05-middleware"]);
    expect(messagesOf("05-middleware")).toContain(sentence);
  });

  it("sends the bootstrap's own persona, shortlist and verbatim phase-3 prompt, and the tool's own text", async () => {
    const ws = await newPipelineWorkspace();
    const seed = await seedBootstrap();
    // Our own words standing in for another SDK's bootstrap: a persona, a shortlist row and a phase-3
    // prompt the seed does not have.
    const persona = "You are a careful engineer who has shipped three protocol SDKs.";
    const bootstrap = seed
      .replace(/^You are an opinionated senior Python engineer[^\n]*\n/m, `${persona}\n`)
      .replace(
        "| Logging             |",
        "| Clocks              | `monotonic-clock`, `hrtime`  |\n| Logging             |",
      )
      .replace("For each concern, pick **one**", "For each concern, pick **exactly one**");
    expect(bootstrap).toContain("pick **exactly one**");
    await writeFile(join(ws.sdk, "BOOTSTRAP.md"), bootstrap);
    server.setResponder(answerWithPlans(plans));
    const result = await ws.run(["run"], { server });
    expect(result.code, result.stderr).not.toBe(2);

    for (const id of PHASE_IDS) {
      expect(systemOf(id), id).toContain(persona);
      expect(systemOf(id), id).toContain("monotonic-clock");
      expect(systemOf(id), id).toContain("How this run works");
      expect(systemOf(id), id).not.toContain("opinionated senior Python engineer");
    }
    expect(messagesOf("03-libraries")).toContain("pick **exactly one**");
  });

  it("a bootstrap rewritten for v1.2 plans into planning/v1.2 against the draft that states 1.2", async () => {
    const ws = await newPipelineWorkspace();
    const seed = await seedBootstrap();
    await writeFile(join(ws.sdk, "BOOTSTRAP.md"), seed.replaceAll("v1.1", "v1.2"));
    const docs = join(ws.root, "spec/docs");
    const draft = await readFile(join(docs, "draft-arcp-1.1.md"), "utf8");
    expect(draft).toContain("Version 1.1**");
    await writeFile(join(docs, "draft-arcp-1.2.md"), draft.replace("Version 1.1**", "Version 1.2**"));

    const dry = await ws.run(["run", "--dry-run", "--json"]);
    expect(dry.code, dry.stderr).toBe(0);
    const plan = JSON.parse(dry.stdout) as {
      outputFolder: string;
      specDraft: { path: string; version: string };
      phases: { phase: string; output: string }[];
    };
    expect(plan.outputFolder).toBe("planning/v1.2");
    expect(plan.specDraft).toEqual({ path: "../spec/docs/draft-arcp-1.2.md", version: "1.2" });
    expect(plan.phases.map((phase) => phase.output)).toEqual(PHASE_IDS.map((id) => `planning/v1.2/${id}.md`));

    server.setResponder(answerWithPlans(plans));
    const result = await ws.run(["run", "--max-repairs", "0"], { server });
    expect(result.code, result.stderr).not.toBe(2);
    expect((await readdir(join(ws.sdk, "planning/v1.2"))).sort()).toEqual(PHASE_IDS.map((id) => `${id}.md`));
    expect(await readdir(join(ws.sdk, "planning"))).not.toContain("v1.1");
    expect(systemOf("01-spec-delta")).toContain("../spec/docs/draft-arcp-1.2.md");

    // Without a draft that states 1.2, it cannot run, and says which version it looked for.
    await rename(join(docs, "draft-arcp-1.2.md"), join(ws.root, "moved.md"));
    const refused = await ws.run(["run", "--dry-run"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("no v1.2 spec draft found");
  });
});
