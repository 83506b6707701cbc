import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoKeyLeak } from "../support/expect-no-key-leak.js";
import { type RecordedRequest, reply } from "../support/fake-anthropic-server.js";
import { answerWithPlans } from "../support/fixture-plans.js";
import { newPipelineWorkspace, plans, server, usePipelineHarness } from "../support/pipeline-harness.js";
import { FAKE_API_KEY, PHASE_IDS } from "../support/pipeline-workspace.js";
import { expectPlans, leftovers, readValidRecord } from "../support/workspace-invariants.js";

// Issue 6, "Sandbox and secrets": the model (scripted through the fake server) tries to leave the
// workspace and to make the tools do unbounded work. Every attempt is refused or bounded with a tool
// error, the phase goes on and the run finishes; then every byte the run wrote or printed is searched
// for the API key and for the secret kept outside the workspace.

const SECRET = "OUTSIDE-THE-WORKSPACE-7d41";
/** Each line of the result must be at most this long (DEFAULT_TOOL_LIMITS.maxResultChars + a note). */
const MAX_RESULT_CHARS = 61_000;

usePipelineHarness();

interface ToolResultBlock {
  type: "tool_result";
  tool_use_id: string;
  content: string | { type: string; text?: string }[];
  is_error?: boolean;
}

function toolResults(request: RecordedRequest): Map<string, { text: string; isError: boolean }> {
  const last = request.body.messages.at(-1);
  const blocks = Array.isArray(last?.content) ? (last.content as unknown as ToolResultBlock[]) : [];
  return new Map(
    blocks
      .filter((block) => block.type === "tool_result")
      .map((block) => [
        block.tool_use_id,
        {
          text:
            typeof block.content === "string"
              ? block.content
              : block.content.map((part) => part.text ?? "").join(""),
          isError: block.is_error === true,
        },
      ]),
  );
}

/** Each attempt, the tool call the model makes, and what the answer must look like. */
const ATTEMPTS: { id: string; name: string; input: unknown; isError: boolean; says: RegExp }[] = [
  { id: "dotdot", name: "read_file", input: { path: "../../../etc/passwd" }, isError: true, says: /Refused/ },
  { id: "absolute", name: "read_file", input: { path: "/etc/passwd" }, isError: true, says: /Refused/ },
  { id: "list-up", name: "list_files", input: { path: "../../.." }, isError: true, says: /Refused/ },
  {
    id: "dotdot-via-root",
    name: "read_file",
    input: { path: "../typescript-sdk/../../elsewhere/secret.txt" },
    isError: true,
    says: /Refused/,
  },
  {
    id: "symlinked-folder",
    name: "read_file",
    input: { path: "data/linked_folder/secret.txt" },
    isError: true,
    says: /outside the workspace/,
  },
  {
    id: "symlinked-file",
    name: "read_file",
    input: { path: "NOTES.md" },
    isError: true,
    says: /outside the workspace/,
  },
  {
    id: "grep-symlink",
    name: "grep",
    input: { pattern: "OUTSIDE", path: "data/linked_folder" },
    isError: true,
    says: /outside the workspace/,
  },
  {
    id: "huge-read",
    name: "read_file",
    input: { path: "data/generated_table.py" },
    isError: false,
    says: /\[truncated after line \d+ of 400001: call read_file with start_line \d+ to continue\]/,
  },
  {
    id: "catastrophic-regex",
    name: "grep",
    input: { pattern: "^(a+)+$", path: "data/backtrack.py" },
    isError: true,
    says: /took longer than \d+ ms/,
  },
  {
    id: "bad-regex",
    name: "grep",
    input: { pattern: "([unclosed" },
    isError: true,
    says: /Invalid regular expression/,
  },
  { id: "binary", name: "read_file", input: { path: "data/logo.png" }, isError: true, says: /binary/ },
  { id: "latin-1", name: "read_file", input: { path: "data/legacy.py" }, isError: true, says: /binary/ },
  { id: "grep-everything", name: "grep", input: { pattern: "OUTSIDE" }, isError: false, says: /^No matches/ },
];

describe("sandbox and secrets", () => {
  it("refuses or bounds every escape and runaway tool call; the run finishes and nothing leaks", async () => {
    const ws = await newPipelineWorkspace();
    // Outside src/: phase 02's structure check wants every module of src/ in its file map.
    const src = join(ws.sdk, "data");
    await mkdir(src);
    await mkdir(join(ws.root, "elsewhere"));
    await writeFile(join(ws.root, "elsewhere/secret.txt"), `${SECRET}\n`);
    await symlink(join(ws.root, "elsewhere"), join(src, "linked_folder"));
    await symlink(join(ws.root, "elsewhere/secret.txt"), join(ws.sdk, "NOTES.md"));
    await writeFile(join(src, "generated_table.py"), `# generated\n${"ROW = (1, 2, 3)\n".repeat(400_000)}`);
    // A line that makes ^(a+)+$ backtrack for far longer than any test would wait.
    await writeFile(join(src, "backtrack.py"), `S = 1\n${"a".repeat(40)}!\n`);
    await writeFile(join(src, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 255, 254]));
    await writeFile(join(src, "legacy.py"), Buffer.from("# caf\xe9, written in Latin-1\nx = 1\n", "latin1"));
    // Where the CLI's own scratch and home files would go: searched too.
    await mkdir(join(ws.root, "home"));
    await mkdir(join(ws.root, "tmp"));

    server.script(
      "01-spec-delta",
      reply.toolCalls(ATTEMPTS.map(({ id, name, input }) => ({ id, name, input }))),
      plans.get("01-spec-delta")!,
    );
    server.setResponder(answerWithPlans(plans));
    const result = await ws.run(["run"], {
      server,
      // SDK debug logging prints every request; it must still never print the key.
      env: { ANTHROPIC_LOG: "debug", HOME: join(ws.root, "home"), TMPDIR: join(ws.root, "tmp") },
    });

    expect(
      result.code,
      result.stdout +
        result.stderr
          .split("\n")
          .filter((l) => /^\d\d-/.test(l))
          .join("\n"),
    ).toBe(0);
    await expectPlans(ws, plans, PHASE_IDS);
    const [first, second] = server.requestsFor("01-spec-delta");
    expect(first).toBeDefined();
    const results = toolResults(second!);
    for (const attempt of ATTEMPTS) {
      const answer = results.get(attempt.id);
      expect(answer, attempt.id).toBeDefined();
      expect(answer!.isError, `${attempt.id}: ${answer!.text.slice(0, 200)}`).toBe(attempt.isError);
      expect(answer!.text, attempt.id).toMatch(attempt.says);
      expect(answer!.text.length, attempt.id).toBeLessThanOrEqual(MAX_RESULT_CHARS);
      expect(answer!.text, attempt.id).not.toContain(SECRET);
    }
    // The tool-call log of the run record's transcript says the same.
    const transcript = JSON.parse(
      await readFile(join(ws.stateDir, "transcripts/01-spec-delta.json"), "utf8"),
    ) as { toolCalls: { name: string; isError: boolean }[] };
    expect(transcript.toolCalls).toHaveLength(ATTEMPTS.length);
    expect((await readValidRecord(ws)).phases["01-spec-delta"]?.state).toBe("done");
    expect(await leftovers(ws)).toEqual([]);

    // Nothing the model could see holds the secret, and no output, log, record or transcript the key.
    for (const request of server.requests) {
      const sent = JSON.stringify(request.body);
      expect(sent, request.requestId).not.toContain(SECRET);
      expect(sent, request.requestId).not.toContain(FAKE_API_KEY);
      expect(JSON.stringify(request.headers)).not.toContain(FAKE_API_KEY);
      expect(request.apiKeyPresent).toBe(true);
    }
    expect(result.stderr).toMatch(/\[log_[0-9a-f]+\] sending request/); // the SDK debug log really ran
    await expectNoKeyLeak(ws, [result]);
  });
});
