import type { CommandContext, CommandOutcome } from "../command-outcome.js";
import { notYetAvailable } from "./not-yet-available.js";

export async function lintCommand(_options: CommandContext): Promise<CommandOutcome> {
  notYetAvailable("lint");
}
