import { ArcpPlanError } from "../../errors/arcp-plan-error.js";

/** For subcommands declared before their implementation lands: a clear exit-2 refusal. */
export function notYetAvailable(command: string): never {
  throw new ArcpPlanError("usage", `'arcp-plan ${command}' is not yet available in this version.`, {
    hint: "run 'arcp-plan --help' to see what is; 'doctor', 'bundle' and 'lint' work offline.",
  });
}
