/**
 * The whole pipeline on a real workspace, through the fake Messages API answering each phase with the
 * plan the maintainers' console run wrote (read from the workspace now, never committed). Repair turns
 * get the same plan back, as a model that cannot fix it would answer. Reports per phase the lint errors
 * before and after repair, the rounds used and the cost, and every finding a repair request sent that
 * the labels call false (the goal: none).
 */
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { type CompiledBootstrap, compileBootstrap } from "../../src/pipeline/compile-bootstrap.js";
import { type FakeAnthropicServer, startFakeAnthropicServer } from "../support/fake-anthropic-server.js";
import { answerWithPlans, lastUserText } from "../support/fixture-plans.js";
import { runCli } from "../support/run-cli.js";
import type { Label } from "./score-findings.js";

export interface PhaseRunRow {
  phase: string;
  state: string;
  errorsBefore: number;
  errorsAfter: number;
  repairRounds: number;
  costUsd: number;
  /** Findings sent for repair that the labels call false, as `file:line rule`. */
  falseSent: string[];
}

export interface PipelineRunResult {
  exitCode: number | null;
  rows: PhaseRunRow[];
  plansWritten: number;
  requests: number;
  /** What of the SDK's own BOOTSTRAP.md the requests carried, each "yes" or "NO". */
  ownBootstrap: { persona: string; shortlist: string; phase3Prompt: string };
}

const REPAIR_OPENING = /^The linter found (\d+) errors?/;
const SENT_FINDING = /^- line (\d+):\d+ \[([a-z-]+)\]/gm;

/** Copies the workspace (without its plans) to a temporary folder and runs `arcp-plan run` there. */
export async function runRealPipeline(sdk: string, labels: readonly Label[]): Promise<PipelineRunResult> {
  const compiled = compileBootstrap(await readFile(join(sdk, "BOOTSTRAP.md"), "utf8"));
  const plansDir = join(sdk, compiled.outputFolder.value);
  const plans = new Map<string, string>();
  for (const file of (await readdir(plansDir)).filter((name) => name.endsWith(".md")).sort()) {
    plans.set(file.replace(/\.md$/, ""), await readFile(join(plansDir, file), "utf8"));
  }
  const root = await mkdtemp(join(tmpdir(), "arcp-plan-real-run-"));
  const workspace = join(sdk, "..");
  const copy = join(root, basename(sdk));
  const server = await startFakeAnthropicServer({ latency: { betweenEventsMs: 0 } });
  try {
    await Promise.all(
      ["spec", "typescript-sdk", basename(sdk)].map((part) =>
        cp(join(workspace, part), join(root, part), { recursive: true }),
      ),
    );
    await rm(join(copy, "planning"), { recursive: true, force: true });
    server.setResponder(answerWithPlans(plans));
    const result = await runCli(["run"], {
      cwd: copy,
      env: {
        PATH: process.env.PATH ?? "",
        ANTHROPIC_API_KEY: "sk-ant-fake-real-run",
        ANTHROPIC_BASE_URL: server.url,
      },
    });
    const record = JSON.parse(
      await readFile(
        join(copy, "planning/.arcp-plan", basename(compiled.outputFolder.value), "run-record.json"),
        "utf8",
      ).catch(() => "{}"),
    ) as { phases?: Record<string, { state: string; costUsd: number; lint?: { errors: number } }> };
    const written = (await readdir(join(copy, compiled.outputFolder.value)).catch(() => [])).filter((f) =>
      f.endsWith(".md"),
    );
    return {
      exitCode: result.code,
      rows: [...plans.keys()].map((phase) => phaseRow(phase, server, record.phases?.[phase], labels)),
      plansWritten: written.length,
      requests: server.requests.length,
      ownBootstrap: ownBootstrapSent(compiled, server),
    };
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
}

/** Whether every request's system text carries the SDK's persona and shortlist, and phase 3 its prompt. */
function ownBootstrapSent(compiled: CompiledBootstrap, server: FakeAnthropicServer) {
  const part = (role: string) =>
    compiled.system.find((candidate) => candidate.role === role)?.text ?? "\u0000";
  const systems = server.requests.map((request) => JSON.stringify(request.body.system));
  const everywhere = (text: string) =>
    systems.length > 0 && systems.every((system) => system.includes(JSON.stringify(text).slice(1, -1)));
  const third = compiled.phases.find((phase) => phase.number === 3);
  const thirdSent = server.requests
    .filter((request) => request.phaseId === third?.id)
    .some((request) =>
      JSON.stringify(request.body.messages).includes(JSON.stringify(third!.instructions.text).slice(1, -1)),
    );
  const said = (ok: boolean) => (ok ? "yes" : "NO");
  return {
    persona: said(everywhere(part("persona"))),
    shortlist: said(everywhere(part("shortlist"))),
    phase3Prompt: said(thirdSent),
  };
}

function phaseRow(
  phase: string,
  server: FakeAnthropicServer,
  entry: { state: string; costUsd: number; lint?: { errors: number } } | undefined,
  labels: readonly Label[],
): PhaseRunRow {
  const file = `${phase}.md`;
  const repairs = server.requests
    .filter((request) => request.phaseId === phase)
    .map((request) => lastUserText(request))
    .filter((text) => REPAIR_OPENING.test(text));
  const falseSent: string[] = [];
  for (const text of repairs) {
    for (const match of text.matchAll(SENT_FINDING)) {
      const line = Number(match[1]);
      const rule = match[2]!;
      const label = labels.find((l) => l.file === file && l.line === line && l.rule === rule);
      if (label?.verdict !== "real") falseSent.push(`${file}:${line} ${rule}${label ? "" : " (unlabelled)"}`);
    }
  }
  const before =
    repairs.length > 0 ? Number(REPAIR_OPENING.exec(repairs[0]!)![1]) : (entry?.lint?.errors ?? 0);
  return {
    phase,
    state: entry?.state ?? "missing",
    errorsBefore: before,
    errorsAfter: entry?.lint?.errors ?? 0,
    repairRounds: repairs.length,
    costUsd: entry?.costUsd ?? 0,
    falseSent,
  };
}
