import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { isArcpPlanError } from "../../src/errors/arcp-plan-error.js";
import { createLintContext } from "../../src/lint/lint-context.js";
import { lintMarkdown } from "../../src/lint/lint-markdown.js";
import { type CompiledBootstrap, compileBootstrap } from "../../src/pipeline/compile-bootstrap.js";
import { openWorkspace } from "../../src/pipeline/open-workspace.js";
import { readNewErrorCodes } from "../../src/workspace/new-error-codes.js";
import { readSpecDrafts } from "../../src/workspace/spec-drafts.js";
import { readWorkspaceFacts } from "../../src/workspace/workspace-facts.js";
import { loadBuiltinProgram } from "./builtin-program.js";

/**
 * `npx tsx test/support/compile-real-bootstraps.ts PATH...` (or the paths in ARCP_REAL_WORKSPACES,
 * separated like PATH): compiles each bootstrap (a BOOTSTRAP.md, or an SDK checkout holding one) and
 * prints what came out. For a checkout whose plans exist, it lints them with only the checks derived
 * from their own bootstrap and prints every phase-structure finding, so a derived check that cries
 * wolf on a maintainer's real plan shows. With `--prompts`, it also compares each phase's compiled
 * instructions with the seed's (the built-in program): the seed's hand-tuned overrides apply to equal ones. Reads the real trees, never
 * copies them.
 */
const args = process.argv.slice(2).filter((arg) => arg !== "--prompts");
const comparePrompts = process.argv.includes("--prompts");
const targets =
  args.length > 0 ? args : (process.env.ARCP_REAL_WORKSPACES ?? "").split(path.delimiter).filter(Boolean);
if (targets.length === 0) {
  process.stderr.write(
    "usage: tsx test/support/compile-real-bootstraps.ts [--prompts] BOOTSTRAP.md|SDK_DIR...\n",
  );
  process.exitCode = 2;
}

for (const target of targets) {
  const isDir = statSync(target).isDirectory();
  const file = isDir ? path.join(target, "BOOTSTRAP.md") : target;
  process.stdout.write(`\n== ${file}\n`);
  let compiled: CompiledBootstrap;
  try {
    compiled = compileBootstrap(readFileSync(file, "utf8"), file);
  } catch (error) {
    if (!isArcpPlanError(error)) throw error;
    process.stdout.write(
      `config error (exit 2): ${error.message}\n${error.details.map((d) => `  ${d}\n`).join("")}`,
    );
    continue;
  }
  process.stdout.write(describe(compiled));
  if (comparePrompts) process.stdout.write(await compareWithPrompts(compiled));
  if (isDir) process.stdout.write(await lintRealPlans(target, compiled));
}

function describe(compiled: CompiledBootstrap): string {
  const lines = [
    `version ${compiled.protocolVersion.value} (line ${compiled.protocolVersion.line}), output ${compiled.outputFolder.value}/, draft ${compiled.specDraft?.value ?? "none"}`,
    `${compiled.phases.length} phases; banned words ${compiled.bannedWords.length}${compiled.bannedWords.some((word) => word.note) ? ` (${compiled.bannedWords.filter((word) => word.note).length} with a qualifier)` : ""}; reading list ${compiled.readingList.length} paths`,
    `system parts: ${compiled.system.map((part) => `${part.role}${part.inSystem ? "" : " (not sent)"}`).join(", ")}`,
  ];
  for (const phase of compiled.phases) {
    const rules = new Map<string, number>();
    for (const check of phase.checks) rules.set(check.rule, (rules.get(check.rule) ?? 0) + 1);
    const checks = [...rules].map(([rule, count]) => `${count} ${rule}`).join(", ") || "no checks";
    lines.push(
      `  ${phase.id.padEnd(18)} ${phase.owner.padEnd(8)} needs [${phase.needs.map(short).join(",")}]${phase.inputs.length > 0 ? ` + ${phase.inputs.join(",")}` : ""} reads [${phase.reads.map(short).join(",")}] ${phase.instructions.form} (lines ${phase.instructions.line}-${phase.instructions.endLine}); ${checks}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function short(id: string): string {
  return id.slice(0, 2);
}

async function compareWithPrompts(compiled: CompiledBootstrap): Promise<string> {
  const { phases } = await loadBuiltinProgram();
  const same = compiled.phases.filter(
    (phase) => phases.find((prompt) => prompt.id === phase.id)?.body === phase.instructions.text,
  );
  const differ = compiled.phases.filter((phase) => !same.includes(phase)).map((phase) => phase.id);
  return `instructions identical to the seed's: ${same.length} of ${compiled.phases.length}${differ.length > 0 ? ` (differ: ${differ.join(", ")})` : ""}\n`;
}

async function lintRealPlans(sdkDir: string, compiled: CompiledBootstrap): Promise<string> {
  const plansDir = path.join(sdkDir, compiled.outputFolder.value);
  if (!existsSync(plansDir)) return "no plans on disk\n";
  const workspace = await openWorkspace({ cwd: sdkDir });
  const facts = await readWorkspaceFacts(workspace);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const phase of compiled.phases) {
    const planPath = path.join(plansDir, phase.output);
    if (!existsSync(planPath) || phase.checks.length === 0) continue;
    const context = createLintContext({
      checks: phase.checks.map((derived) => derived.check),
      facts: {
        "reference-examples": facts.referenceExamples,
        "reference-middleware": facts.referenceMiddleware,
        "sdk-modules": facts.sdkModules,
        "spec-new-error-codes": await readNewErrorCodes(await readSpecDrafts(workspace)),
      },
    });
    const found = lintMarkdown(readFileSync(planPath, "utf8"), context).filter(
      (message) => message.ruleId === "phase-structure",
    );
    errors += found.filter((message) => message.severity === "error").length;
    warnings += found.filter((message) => message.severity === "warning").length;
    for (const message of found)
      lines.push(`    ${phase.output}:${message.line} ${message.severity} ${message.reason}`);
    lines.push(`  ${phase.output}: ${phase.checks.length} derived checks, ${found.length} findings`);
  }
  return `real plans linted with the derived checks only: ${errors} errors, ${warnings} warnings\n${lines.join("\n")}\n`;
}
