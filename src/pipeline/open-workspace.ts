import { resolveWorkspace, type Workspace, type WorkspaceOptions } from "../workspace/resolve-workspace.js";
import { builtinBootstrapPath, prepareBootstrap } from "./compile-bootstrap-source.js";

export type OpenWorkspaceOptions = Omit<WorkspaceOptions, "builtinBootstrap" | "readTarget">;

/**
 * Resolves the workspace with the bootstrap in force compiled: its table decides the output folder
 * and the protocol version (and so which spec draft is current). A bootstrap that does not compile
 * stops here with its line-numbered `config` error.
 */
export function openWorkspace(options: OpenWorkspaceOptions): Promise<Workspace> {
  return resolveWorkspace({
    ...options,
    builtinBootstrap: builtinBootstrapPath(),
    readTarget: async (source) => {
      const program = await prepareBootstrap(source);
      return { protocolVersion: program.protocolVersion.value, outputFolder: program.outputFolder.value };
    },
  });
}
