/** The tool's version: printed by `--version` and part of every phase key (a new version re-runs phases). */
export const TOOL_VERSION = "0.2.0";
