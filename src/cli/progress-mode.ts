/** How `run` and `phase` show progress on stderr (`--progress`). */
export type ProgressMode = "live" | "lines" | "json" | "none";

export const PROGRESS_MODES: readonly ProgressMode[] = ["live", "lines", "json", "none"];

/**
 * Pure: `--progress` when given; otherwise nothing beside `--json` (its events already go to stdout),
 * the live table on a terminal, and one line per event where the output is kept as a log: a pipe, a
 * file, or any CI system (they set `CI`, and some give jobs a terminal that only records).
 */
export function chooseProgressMode(
  flag: ProgressMode | undefined,
  where: { isTTY: boolean; env: NodeJS.ProcessEnv; json: boolean },
): ProgressMode {
  if (flag !== undefined) return flag;
  if (where.json) return "none";
  return where.isTTY && !isCi(where.env) ? "live" : "lines";
}

/** `CI` set to anything but an empty string, "0" or "false" (how CI systems and tools such as is-ci read it). */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}
