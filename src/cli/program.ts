import { Command, Option } from "commander";
import { EFFORT_LEVELS } from "../llm/model-catalog.js";
import { TOOL_VERSION } from "../tool-version.js";
import type { CommandContext, CommandOutcome } from "./command-outcome.js";
import {
  parseChoice,
  parseNonNegativeInteger,
  parseNonNegativeNumber,
  parsePositiveInteger,
} from "./option-parsers.js";
import { PROGRESS_MODES } from "./progress-mode.js";

/**
 * Declares the command line and nothing else. Each subcommand's module is imported only when that
 * subcommand runs, so `--help` and `lint` never load the Anthropic SDK.
 */

type Action = (args: string[], options: Record<string, unknown>) => Promise<CommandOutcome>;

function withWorkspaceOptions(command: Command): Command {
  return command
    .option("--sdk <dir>", "SDK checkout (default: current directory)")
    .option("--spec <path>", "spec checkout or the target version's draft file (default: <sdk>/../spec)")
    .option("--reference <dir>", "TypeScript reference SDK (default: <sdk>/../typescript-sdk)")
    .option(
      "--out <dir>",
      "output folder for the plans (default: the folder the bootstrap's phase table names)",
    )
    .option("--config <file>", "config file (default: <sdk>/arcp-plan.config.json when present)")
    .option(
      "--bootstrap <file>",
      "planning bootstrap to run (default: <sdk>/BOOTSTRAP.md when present, else the built-in seed)",
    );
}

function progressOption(): Option {
  return new Option(
    "--progress <view>",
    "progress on stderr: live (a table redrawn in place), lines (one per event), json (one event per line) or none; default: live on a terminal unless CI is set, else lines (none with --json)",
  ).argParser(parseChoice(PROGRESS_MODES));
}

export function buildProgram(context: CommandContext, record: (outcome: CommandOutcome) => void): Command {
  const program = new Command("arcp-plan")
    .description("Run an ARCP SDK's planning bootstrap (BOOTSTRAP.md) as a checked, repeatable LLM pipeline.")
    .version(TOOL_VERSION, "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();

  const action =
    (load: () => Promise<Action>) =>
    async (...received: unknown[]) => {
      // Commander passes positional args, then the options object, then the Command.
      const command = received.at(-1) as Command;
      const args = received.slice(0, -2).flat() as string[];
      const run = await load();
      record(await run(args, { ...command.optsWithGlobals() }));
    };
  const bind =
    <O>(fn: (options: O & CommandContext, args: string[]) => Promise<CommandOutcome>): Action =>
    (args, options) =>
      fn({ ...(options as O), ...context }, args);

  withWorkspaceOptions(
    program
      .command("run")
      .description(
        "run the bootstrap's phases in dependency order, in parallel where the table allows; lint and repair each",
      )
      .option("--dry-run", "everything but the model calls: graph, bundle, prompts, token and cost estimate")
      .option("--force", "re-run every phase even when its inputs did not change")
      .option("--from <phase>", "re-run this phase and everything after it")
      .option("--concurrency <n>", "parallel model calls", parsePositiveInteger)
      .option("--model <id>", "model for every phase (overrides config and override files)")
      .option("--effort <level>", "output_config.effort for every phase", parseChoice(EFFORT_LEVELS))
      .option(
        "--max-cost <usd>",
        "refuse to start above this estimate; start a call only if spent + worst case of calls in flight and this one fits",
        parseNonNegativeNumber,
      )
      .option("--max-repairs <n>", "lint-repair rounds per phase", parseNonNegativeInteger)
      .option(
        "--schedule <kind>",
        "table (bootstrap's table) or reads (honour prompts' reads)",
        parseChoice(["table", "reads"] as const),
      )
      .option("--prompts <dir>", "folder of per-phase override files applied over the compiled bootstrap")
      .option("--json", "newline-delimited JSON events and summary on stdout")
      .addOption(progressOption()),
  ).action(action(async () => bind((await import("./commands/run.js")).runCommand)));

  withWorkspaceOptions(
    program
      .command("phase <id>")
      .description("run one phase against the upstream plans on disk and mark its dependents stale")
      .option("--model <id>", "model for this phase")
      .option("--effort <level>", "output_config.effort for this phase", parseChoice(EFFORT_LEVELS))
      .option(
        "--max-cost <usd>",
        "start a call only if spent + its worst case fits this cap",
        parseNonNegativeNumber,
      )
      .option("--max-repairs <n>", "lint-repair rounds", parseNonNegativeInteger)
      .option("--prompts <dir>", "folder of per-phase override files applied over the compiled bootstrap")
      .option("--json", "newline-delimited JSON events and summary on stdout")
      .addOption(progressOption()),
  ).action(action(async () => bind((await import("./commands/phase.js")).phaseCommand)));

  withWorkspaceOptions(
    program
      .command("lint [files...]")
      .description(
        "lint plan files or folders of plans (default: every *.md in the output folder); needs no API key",
      )
      .option(
        "--format <format>",
        "stylish, json, github or sarif",
        parseChoice(["stylish", "json", "github", "sarif"] as const),
        "stylish",
      )
      .option("--max-warnings <n>", "exit 1 when warnings exceed this number", parseNonNegativeInteger)
      .option(
        "--no-cache",
        "lint every plan afresh: neither read nor write the lint cache in planning/.arcp-plan/<folder>/",
      )
      .option("--allow-empty", "accept a plans folder without any *.md (exit 0) instead of exit 2")
      .option("--prompts <dir>", "folder of per-phase override files applied over the compiled bootstrap"),
  ).action(action(async () => bind((await import("./commands/lint.js")).lintCommand)));

  withWorkspaceOptions(
    program
      .command("bundle")
      .description("show the context bundle: files, bytes, estimated tokens, what is included or omitted")
      .option("--phase <id>", "the bundle as one phase sees it")
      .option("--budget <tokens>", "token budget for the bundle", parsePositiveInteger)
      .option("--json", "print the bundle report as JSON"),
  ).action(action(async () => bind((await import("./commands/bundle.js")).bundleCommand)));

  withWorkspaceOptions(
    program
      .command("status")
      .description("per phase: fresh, stale (and why), missing or failed, with last cost")
      .option("--prompts <dir>", "folder of per-phase override files applied over the compiled bootstrap")
      .option("--json", "print the status as JSON"),
  ).action(action(async () => bind((await import("./commands/status.js")).statusCommand)));

  withWorkspaceOptions(
    program
      .command("doctor")
      .description("check Node, the workspace, the spec drafts, the API key and drift from the bootstrap")
      .option("--prompts <dir>", "folder of per-phase override files to check with the bootstrap")
      .option("--json", "print the checks as JSON"),
  ).action(action(async () => bind((await import("./commands/doctor.js")).doctorCommand)));

  program
    .command("explain [phase]")
    .description(
      "show what the bootstrap compiles to: phases, models, system text, checks and the line each came from",
    )
    .option("--sdk <dir>", "SDK checkout whose BOOTSTRAP.md to read (default: current directory)")
    .option(
      "--bootstrap <file>",
      "planning bootstrap to read (default: <sdk>/BOOTSTRAP.md when present, else the built-in seed)",
    )
    .option("--config <file>", "config file (default: <sdk>/arcp-plan.config.json when present)")
    .option("--prompts <dir>", "folder of per-phase override files applied over the compiled bootstrap")
    .option("--model <id>", "model for every phase, as run --model would")
    .option("--json", "print the compiled bootstrap (or phase) as JSON")
    .action(action(async () => bind((await import("./commands/explain.js")).explainCommand)));

  program
    .command("demo")
    .description(
      "see a whole run with no key and no network: copies a sample workspace and runs against a local server with canned answers",
    )
    .option("--out <dir>", "folder for the sample workspace (new or empty; default: ./arcp-plan-demo)")
    .addOption(progressOption())
    .action(action(async () => bind((await import("./commands/demo.js")).demoCommand)));

  return program;
}
