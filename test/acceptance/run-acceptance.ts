/**
 * `npm run acceptance -- DIR...`: lints the plans of real workspaces with the built CLI, as a user runs
 * it, and scores the findings against the labels in `test/acceptance/labels/<sdk folder>.json`.
 *
 * DIR is a workspace (holding `spec/`, `typescript-sdk/` and one `*-sdk/` checkout with plans) or an
 * SDK checkout itself. Prints, per rule and overall: errors, warnings, precision of errors, real
 * defects and recall; then the findings no label covers and the real defects nothing reported.
 * Exit 0 when every labelled workspace meets the goal (precision of errors >= 95%, recall 100%, no
 * unlabelled error); 1 otherwise; 2 when a DIR is not a workspace.
 * `--bin FILE` lints with another build of the CLI (an older checkout's `bin/arcp-plan`), to compare.
 * `--pipeline` also runs the whole pipeline on each workspace through the fake API answering with its
 * real plans (`run-real-pipeline.ts`) and prints errors before and after repair, rounds and cost per
 * phase; a repair request that sends a finding the labels call false fails the goal.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { renderTable } from "../../src/cli/render/render-table.js";
import { repoRoot, runCli } from "../support/run-cli.js";
import { runRealPipeline } from "./run-real-pipeline.js";
import {
  type Finding,
  type Label,
  precision,
  type RuleScore,
  recall,
  type Score,
  scoreFindings,
  sumScores,
} from "./score-findings.js";

const LABELS = join(repoRoot, "test/acceptance/labels");
const GOAL_PRECISION = 0.95;

interface JsonFileResult {
  file: string;
  messages: { ruleId: string; severity: "error" | "warning"; line: number; message: string }[];
}

async function main(argv: string[]): Promise<number> {
  const binAt = argv.indexOf("--bin");
  const bin = binAt >= 0 ? resolve(argv[binAt + 1] ?? "") : undefined;
  const dirs = argv.filter((arg, index) => !arg.startsWith("-") && (binAt < 0 || index !== binAt + 1));
  if (dirs.length === 0) {
    process.stderr.write(
      "usage: npm run acceptance -- WORKSPACE_DIR...\n  (build one with ../shared/real-workspaces/make-real-workspace.sh rust DIR --with-plans)\n",
    );
    return 2;
  }
  const scores: RuleScore[] = [];
  let ok = true;
  for (const dir of dirs) {
    const sdk = findSdkCheckout(resolve(dir));
    if (sdk === undefined) {
      process.stderr.write(`acceptance: ${dir} holds no SDK checkout with plans (a *-sdk/ folder)\n`);
      return 2;
    }
    const findings = await lintFindings(sdk, bin);
    const labelFile = join(LABELS, `${basename(sdk)}.json`);
    if (!existsSync(labelFile)) {
      process.stdout.write(
        `\n${sdk}: ${findings.filter((f) => f.severity === "error").length} errors, ${findings.filter((f) => f.severity === "warning").length} warnings (no labels for ${basename(sdk)}: not scored)\n`,
      );
      continue;
    }
    const labels = JSON.parse(readFileSync(labelFile, "utf8")) as Label[];
    const score = scoreFindings(findings, labels);
    scores.push(...score.rules);
    process.stdout.write(`\n${sdk} (labels: ${labels.length} in ${labelFile})\n${renderScore(score)}\n`);
    ok &&= meetsGoal(score.total);
    if (argv.includes("--pipeline")) ok = (await reportPipelineRun(sdk, labels)) && ok;
  }
  if (scores.length > 0) {
    const byRule = new Map<string, RuleScore[]>();
    for (const entry of scores) byRule.set(entry.rule, [...(byRule.get(entry.rule) ?? []), entry]);
    const merged = [...byRule.entries()].map(([rule, entries]) => ({ ...sumScores(entries), rule }));
    const total = sumScores(merged);
    process.stdout.write(`\nAll workspaces\n${renderRows([...merged, total])}\n`);
    process.stdout.write(
      `\nGoal: precision of errors >= ${GOAL_PRECISION * 100}%, every labelled real defect reported, no unlabelled error: ${ok ? "met" : "NOT met"}\n`,
    );
  }
  return ok ? 0 : 1;
}

function findSdkCheckout(dir: string): string | undefined {
  if (existsSync(join(dir, "planning"))) return dir;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return undefined;
  const sdk = readdirSync(dir).find(
    (name) => name.endsWith("-sdk") && name !== "typescript-sdk" && existsSync(join(dir, name, "planning")),
  );
  return sdk === undefined ? undefined : join(dir, sdk);
}

async function lintFindings(sdk: string, bin: string | undefined): Promise<Finding[]> {
  // Real workspaces are read, never written: no lint cache in their planning/ folder. A build from
  // before the lint cache has no --no-cache (and writes nothing).
  const help = await runCli(["lint", "--help"], { cwd: sdk, bin });
  const noCache = help.stdout.includes("--no-cache") ? ["--no-cache"] : [];
  const result = await runCli(["lint", ...noCache, "--format", "json"], { cwd: sdk, bin });
  if (result.code !== 0 && result.code !== 1) {
    throw new Error(`arcp-plan lint exited ${result.code} in ${sdk}:\n${result.stderr}`);
  }
  const files = JSON.parse(result.stdout) as JsonFileResult[];
  return files.flatMap((file) =>
    file.messages.map((message) => ({
      file: basename(file.file),
      line: message.line,
      rule: message.ruleId,
      severity: message.severity,
      message: message.message,
    })),
  );
}

async function reportPipelineRun(sdk: string, labels: readonly Label[]): Promise<boolean> {
  const run = await runRealPipeline(sdk, labels);
  const rows = run.rows.map((row) => [
    row.phase,
    row.state,
    String(row.errorsBefore),
    String(row.errorsAfter),
    String(row.repairRounds),
    `$${row.costUsd.toFixed(4)}`,
    String(row.falseSent.length),
  ]);
  const total = run.rows.reduce((sum, row) => sum + row.costUsd, 0);
  const falseSent = run.rows.flatMap((row) => row.falseSent);
  process.stdout.write(
    `\nPipeline run through the fake API answering with the real plans (exit ${run.exitCode}, ${run.plansWritten} plans written, ${run.requests} requests, $${total.toFixed(4)})\n${renderTable(["phase", "state", "errors before", "after", "repair rounds", "cost", "false findings sent"], rows)}\n`,
  );
  for (const finding of falseSent) process.stdout.write(`  sent for repair, labelled false: ${finding}\n`);
  const own = run.ownBootstrap;
  process.stdout.write(
    `The SDK's own BOOTSTRAP.md in the requests: persona ${own.persona}, shortlist ${own.shortlist}, phase-3 prompt ${own.phase3Prompt}\n`,
  );
  const ownSent = Object.values(own).every((value) => value === "yes");
  return falseSent.length === 0 && run.plansWritten === run.rows.length && ownSent;
}

function meetsGoal(total: RuleScore): boolean {
  return precision(total) >= GOAL_PRECISION && recall(total) === 1 && total.errorsUnlabelled === 0;
}

function renderScore(score: Score): string {
  const parts = [renderRows([...score.rules, score.total])];
  if (score.unlabelled.length > 0) {
    parts.push(
      `\nUnlabelled findings (label them in test/acceptance/labels/):`,
      ...score.unlabelled.map(
        (f) => `  ${f.file}:${f.line} ${f.severity} ${f.rule}: ${f.message.slice(0, 160)}`,
      ),
    );
  }
  if (score.missed.length > 0) {
    parts.push(
      `\nReal defects nothing reported:`,
      ...score.missed.map((label) => `  ${label.file}:${label.line} ${label.rule}: ${label.reason}`),
    );
  }
  return parts.join("\n");
}

function renderRows(rows: readonly RuleScore[]): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  return renderTable(
    [
      "rule",
      "errors",
      "real",
      "false",
      "unlabelled",
      "precision",
      "warnings",
      "false warn.",
      "defects",
      "found",
      "recall",
    ],
    rows.map((entry) => [
      entry.rule,
      String(entry.errors),
      String(entry.errorsReal),
      String(entry.errorsFalse),
      String(entry.errorsUnlabelled),
      percent(precision(entry)),
      String(entry.warnings),
      String(entry.warningsFalse),
      String(entry.realDefects),
      String(entry.realFound),
      percent(recall(entry)),
    ]),
  );
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`acceptance: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
