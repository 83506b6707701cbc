import { readFile } from "node:fs/promises";
import path from "node:path";
import { ArcpPlanError } from "../../errors/arcp-plan-error.js";
import {
  type CompiledBootstrap,
  type CompiledPhase,
  compileBootstrap,
} from "../../pipeline/compile-bootstrap.js";
import { buildPhaseGraph } from "../../pipeline/phase-graph.js";
import type { CommandContext, CommandOutcome } from "../command-outcome.js";
import { renderExplainOverview, renderExplainPhase } from "../render/render-explain.js";

export interface ExplainOptions {
  sdk?: string;
  bootstrap?: string;
  json?: boolean;
}

/**
 * `arcp-plan explain [phase]`: what a bootstrap compiles to — the phase graph, the system text, the
 * banned words, the reading list, and for one phase its instructions and checks with the bootstrap
 * line each came from. Reads `--bootstrap FILE`, else `BOOTSTRAP.md` in the SDK checkout. Needs no
 * API key and no workspace beyond that file; a bootstrap that does not compile is a config error.
 */
export async function explainCommand(
  options: ExplainOptions & CommandContext,
  args: string[],
): Promise<CommandOutcome> {
  const file = options.bootstrap
    ? path.resolve(options.cwd, options.bootstrap)
    : path.resolve(options.cwd, options.sdk ?? ".", "BOOTSTRAP.md");
  const source = path.relative(options.cwd, file) || file;
  const compiled = compileBootstrap(await readBootstrap(file, options.bootstrap !== undefined), source);
  const selector = args[0];
  if (selector === undefined) {
    if (options.json)
      return { stdout: `${JSON.stringify({ source, ...compiled }, null, 2)}\n`, status: "ok" };
    return { stdout: renderExplainOverview(compiled, source), status: "ok" };
  }
  const phase = findPhase(compiled, selector);
  const notUpstream = buildPhaseGraph(compiled.phases, "table").siblingsNotAvailable(phase.id);
  if (options.json) {
    const { phases: _phases, ...program } = compiled;
    return {
      stdout: `${JSON.stringify({ source, ...program, phase, notUpstream }, null, 2)}\n`,
      status: "ok",
    };
  }
  return { stdout: renderExplainPhase(compiled, phase, notUpstream), status: "ok" };
}

async function readBootstrap(file: string, named: boolean): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new ArcpPlanError(named ? "usage" : "workspace", `cannot read the bootstrap ${file}`, {
      hint: named
        ? "check the path given to --bootstrap"
        : "run in an SDK checkout that has BOOTSTRAP.md, or pass --sdk DIR or --bootstrap FILE",
      cause: error,
    });
  }
}

/** A phase by id ("04-architecture") or by number ("4", "04"). */
function findPhase(compiled: CompiledBootstrap, selector: string): CompiledPhase {
  const byNumber = /^\d+$/.test(selector) ? Number(selector) : undefined;
  const phase = compiled.phases.find(
    (candidate) => candidate.id === selector || candidate.number === byNumber,
  );
  if (!phase) {
    throw new ArcpPlanError("usage", `unknown phase '${selector}'`, {
      hint: `use one of: ${compiled.phases.map((candidate) => candidate.id).join(", ")} (or its number)`,
    });
  }
  return phase;
}
