import { mkdir, open, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { ArcpPlanError } from "../errors/arcp-plan-error.js";

const LOCK_FILE = "lock";

/**
 * One run at a time per output folder: two runs would race on the plans and the run record. The lock
 * is a file created with O_EXCL holding the owner's pid; a lock whose process is gone (a crash, a
 * kill -9) is taken over rather than blocking forever.
 */
export async function acquireRunLock(stateDir: string, command: string): Promise<() => Promise<void>> {
  const path = join(stateDir, LOCK_FILE);
  try {
    await mkdir(stateDir, { recursive: true });
  } catch (error) {
    throw new ArcpPlanError(
      "workspace",
      `cannot create the run state folder ${stateDir}: ${(error as Error).message}`,
      {
        hint: "a file may stand where the folder should be: move it, or choose another output folder with --out",
        cause: error,
      },
    );
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(
        `${JSON.stringify({ pid: process.pid, command, startedAt: new Date().toISOString() })}\n`,
      );
      await handle.close();
      return async () => {
        await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new ArcpPlanError(
          "workspace",
          `cannot create the run lock ${path}: ${(error as Error).message}`,
          {
            hint: "make the folder beside the output folder writable, or choose another output folder with --out",
          },
        );
      }
      const owner = await readLockOwner(path);
      if (owner && isAlive(owner.pid)) {
        throw new ArcpPlanError(
          "workspace",
          `another arcp-plan (${owner.command}, pid ${owner.pid}, started ${owner.startedAt}) is running on this output folder`,
          { hint: `wait for it to finish; if no such process exists, delete ${path}` },
        );
      }
      await rm(path, { force: true }); // Stale: its owner is gone.
    }
  }
  throw new ArcpPlanError("workspace", `cannot take the run lock ${path}`, {
    hint: `delete ${path} and retry`,
  });
}

async function readLockOwner(
  path: string,
): Promise<{ pid: number; command: string; startedAt: string } | undefined> {
  try {
    const data = JSON.parse(await readFile(path, "utf8")) as {
      pid?: unknown;
      command?: unknown;
      startedAt?: unknown;
    };
    if (typeof data.pid !== "number") return undefined;
    return {
      pid: data.pid,
      command: String(data.command ?? "run"),
      startedAt: String(data.startedAt ?? "?"),
    };
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
