import { appendFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answerWithPlans } from "../support/fixture-plans.js";
import { newPipelineWorkspace, plans, server, usePipelineHarness } from "../support/pipeline-harness.js";
import { PHASE_IDS, type PipelineWorkspace } from "../support/pipeline-workspace.js";

// Issue 5 "Done when": a hand edit makes its dependents stale and `run` re-runs exactly those;
// `phase <id>` re-runs one phase against the plans on disk.

interface StatusJson {
  phases: { phase: string; state: string; why: string; reasons?: string[] }[];
}

usePipelineHarness();

/** A workspace after a clean full run; the server log is cleared afterwards. */
async function fullyRunWorkspace(): Promise<PipelineWorkspace> {
  const created = await newPipelineWorkspace();
  server.setResponder(answerWithPlans(plans));
  const result = await created.run(["run"], { server });
  expect(result.code, result.stderr).toBe(0);
  server.requests.length = 0;
  return created;
}

const phasesCalled = () => [...new Set(server.requests.map((r) => r.phaseId))].sort();

describe("incremental runs", () => {
  it("a hand edit of 01 makes 02-10 stale; run re-runs exactly those and keeps the edit", async () => {
    const ws = await fullyRunWorkspace();
    const edit = "\nThe `session.hello` handshake of §6.3 stays as it is in v1.0.\n";
    await appendFile(join(ws.outDir, "01-spec-delta.md"), edit);
    const edited = await ws.readPlan("01-spec-delta");

    const status = await ws.run(["status"]);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/01-spec-delta\s+fresh\s+edited by hand/);
    for (const id of PHASE_IDS.slice(1)) {
      expect(status.stdout).toMatch(new RegExp(`${id}\\s+stale\\s+.*upstream 01-spec-delta\\.md changed`));
    }

    const json = await ws.run(["status", "--json"]);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as StatusJson;
    expect(parsed.phases.map((p) => p.phase)).toEqual([...PHASE_IDS]);
    expect(parsed.phases[0]).toMatchObject({ phase: "01-spec-delta", state: "fresh" });
    for (const phase of parsed.phases.slice(1)) {
      expect(phase.state).toBe("stale");
      expect(phase.reasons).toContain("upstream 01-spec-delta.md changed");
    }
    expect(server.requests).toHaveLength(0);

    const rerun = await ws.run(["run"], { server });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(phasesCalled()).toEqual(PHASE_IDS.slice(1));
    expect(server.requests).toHaveLength(PHASE_IDS.length - 1);
    expect(await ws.readPlan("01-spec-delta")).toBe(edited);
    // The re-run phases saw the edited plan upstream.
    expect(JSON.stringify(server.requestsFor("02-current-audit")[0]?.body.messages)).toContain(
      "stays as it is in v1.0",
    );

    const after = await ws.run(["status"]);
    expect(after.code, after.stdout).toBe(0);
  });

  it("phase 05-middleware re-runs that phase alone and reports 10 stale when its plan changed", async () => {
    const ws = await fullyRunWorkspace();
    const changed = `${plans.get("05-middleware")}\nThe \`aiohttp\` adapter lives in \`arcp.middleware.aiohttp\`, beside the ASGI one (§10.1).\n`;
    server.setResponder(
      answerWithPlans(plans, { override: (r) => (r.phaseId === "05-middleware" ? changed : undefined) }),
    );

    const result = await ws.run(["phase", "05-middleware"], { server });
    expect(result.code, result.stderr).toBe(0);
    expect(phasesCalled()).toEqual(["05-middleware"]);
    expect(server.requests).toHaveLength(1);
    expect(await ws.readPlan("05-middleware")).toBe(changed);
    expect(result.stdout).toContain("dependents now stale: 10-synthesis");

    const record = await ws.readRecord();
    expect(record.phases["05-middleware"]).toMatchObject({ state: "done", repairRounds: 0 });
    expect(record.phases["05-middleware"]?.requestIds).toEqual([server.requests[0]!.requestId]);

    const status = JSON.parse((await ws.run(["status", "--json"])).stdout) as StatusJson;
    const stale = status.phases.filter((p) => p.state !== "fresh");
    expect(stale.map((p) => p.phase)).toEqual(["10-synthesis"]);
    expect(stale[0]?.reasons).toEqual(["upstream 05-middleware.md changed"]);
  });

  it("phase 05-middleware with 01 missing exits 2 naming 01; an unknown phase exits 2 listing the ids", async () => {
    const ws = await fullyRunWorkspace();
    await rm(join(ws.outDir, "01-spec-delta.md"));

    const missing = await ws.run(["phase", "05-middleware"], { server });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("01-spec-delta");
    expect(missing.stderr).toMatch(/needs 01-spec-delta\b/);

    const unknown = await ws.run(["phase", "nope"], { server });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("nope");
    for (const id of PHASE_IDS) expect(unknown.stderr).toContain(id);

    expect(server.requests).toHaveLength(0);
  });
});
