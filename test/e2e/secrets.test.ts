import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type RecordedRequest, reply } from "../support/fake-anthropic-server.js";
import { answerWithPlans } from "../support/fixture-plans.js";
import { newPipelineWorkspace, plans, server, usePipelineHarness } from "../support/pipeline-harness.js";
import { FAKE_API_KEY } from "../support/pipeline-workspace.js";

// Issue 15, "Done when": the SDK holds a .env with a key-shaped value (git does not ignore it) and a
// source file with an sk-ant- string. A full run through the fake API sends neither (the request log
// is searched), writes neither to disk, and doctor names the withheld file.

// Key-shaped, assembled at run time so the repository holds no such literal.
const ENV_KEY = `sk-ant-api03-${"Ev7q".repeat(23)}AA`;
const SOURCE_KEY = `sk-ant-api03-${"Sr2k".repeat(23)}AA`;
/** Parts that must not survive in any form (a cut key is still a leak). */
const LEAKS = [ENV_KEY, SOURCE_KEY, "Ev7qEv7q", "Sr2kSr2k"];

usePipelineHarness();

function toolResults(request: RecordedRequest): Map<string, { text: string; isError: boolean }> {
  const last = request.body.messages.at(-1);
  const blocks = Array.isArray(last?.content) ? last.content : [];
  return new Map(
    blocks
      .filter((block) => block.type === "tool_result")
      .map((block) => [
        String(block.tool_use_id),
        {
          text: typeof block.content === "string" ? block.content : JSON.stringify(block.content),
          isError: block.is_error === true,
        },
      ]),
  );
}

const leaksIn = (text: string) => LEAKS.filter((secret) => text.includes(secret));

describe("secrets never leave the machine", () => {
  it("a full run sends neither the .env key nor the key in a source file, and writes neither", async () => {
    const ws = await newPipelineWorkspace();
    await writeFile(join(ws.sdk, ".env"), `ANTHROPIC_API_KEY=${ENV_KEY}\nDEBUG=1\n`);
    await appendFile(join(ws.sdk, "src/arcp/client.py"), `\n# A key pasted by mistake: ${SOURCE_KEY}\n`);
    const planted = new Set(["python-sdk/.env", "python-sdk/src/arcp/client.py"]);

    server.script(
      "01-spec-delta",
      reply.toolCalls([
        { id: "list", name: "list_files", input: {} },
        { id: "env", name: "read_file", input: { path: ".env" } },
        { id: "probe", name: "grep", input: { pattern: "sk-ant|ANTHROPIC_API_KEY" } },
        { id: "grep", name: "grep", input: { pattern: "pasted by mistake" } },
        { id: "source", name: "read_file", input: { path: "src/arcp/client.py" } },
      ]),
      plans.get("01-spec-delta")!,
    );
    server.setResponder(answerWithPlans(plans));
    const result = await ws.run(["run"], { server });
    expect(result.code, result.stderr).toBe(0);

    // Nothing sent holds either key, in any request of any phase.
    expect(server.requests.length).toBeGreaterThan(10);
    for (const request of server.requests) {
      expect(leaksIn(JSON.stringify(request.body)), request.requestId).toEqual([]);
    }
    // The bundle was redacted, not silently dropped: the file is there with a marker in the key's place.
    const system = JSON.stringify(server.requests[0]!.body.system);
    expect(system).toContain('<workspace-file path=\\"src/arcp/client.py\\">');
    expect(system).toContain("# A key pasted by mistake: [REDACTED:anthropic-api-key]");

    const results = toolResults(server.requestsFor("01-spec-delta")[1]!);
    expect(results.get("list")?.text).not.toMatch(/^\.env /m);
    expect(results.get("env")).toMatchObject({ isError: true });
    expect(results.get("env")?.text).toMatch(/\.env is withheld: it looks like a secret \(dotenv file\)/);
    // grep searches redacted text and never the withheld file, so a pattern cannot probe either key.
    expect(results.get("probe")?.text).toBe("No matches.");
    expect(results.get("grep")?.text).toMatch(
      /^src\/arcp\/client\.py:\d+: # A key pasted by mistake: \[REDACTED:anthropic-api-key\]$/,
    );
    expect(results.get("source")?.text).toContain("[REDACTED:anthropic-api-key]");

    // Nothing written holds either key: plans, run record, transcripts, lock leftovers.
    for (const file of await ws.listFiles()) {
      if (planted.has(file)) continue;
      expect(leaksIn(await readFile(join(ws.root, file), "utf8")), file).toEqual([]);
    }
    expect(leaksIn(result.stdout + result.stderr)).toEqual([]);
    // Bundle once, each grep's scan of client.py, read_file of client.py.
    expect(result.stdout).toMatch(
      /secrets kept out of requests: 1 file withheld, 4 strings \(anthropic-api-key 4\) redacted/,
    );
    // The run's own key is a secret of another kind: still never written or printed.
    expect(result.stdout + result.stderr).not.toContain(FAKE_API_KEY);

    const doctor = await ws.run(["doctor"]);
    expect(doctor.stdout).toContain("withheld .env (dotenv file; git does not ignore it)");
    expect(doctor.stdout).toMatch(/secrets: 1 file withheld .*1 string \(anthropic-api-key 1\) redacted/);
    expect(leaksIn(doctor.stdout + doctor.stderr)).toEqual([]);
  });

  it("redacts a key a person pasted into an upstream plan before a phase sends it", async () => {
    const ws = await newPipelineWorkspace();
    server.setResponder(answerWithPlans(plans));
    expect((await ws.run(["run"], { server })).code).toBe(0);
    const token = `ghp_${"Up9z".repeat(9)}`;
    await appendFile(join(ws.outDir, "01-spec-delta.md"), `\nThe CI token was ${token} (rotated).\n`);
    server.requests.length = 0;

    const result = await ws.run(["phase", "02-current-audit"], { server });
    expect(result.code, result.stderr).toBe(0);
    const sent = JSON.stringify(server.requestsFor("02-current-audit")[0]!.body.messages);
    expect(sent).toContain("The CI token was [REDACTED:github-token] (rotated).");
    expect(sent).not.toContain(token);
    const transcript = await readFile(join(ws.stateDir, "transcripts/02-current-audit.json"), "utf8");
    expect(transcript).not.toContain(token);
    expect(result.stdout).toMatch(/1 string \(github-token 1\) redacted/);
  });
});
