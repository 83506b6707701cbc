import { randomBytes } from "node:crypto";
import { type FileHandle, mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { ArcpPlanError } from "../errors/arcp-plan-error.js";

/** The file-system calls the atomic write makes; tests swap them to fail midway. */
export interface AtomicWriteFileSystem {
  open: (file: string, flags: string) => Promise<FileHandle>;
  rename: (from: string, to: string) => Promise<void>;
}

const realFileSystem: AtomicWriteFileSystem = { open, rename };

/**
 * Writes `data` to `filePath` so that readers see either the previous file or the whole new one:
 * write a temp file in the same folder (rename is only atomic within one file system), fsync it,
 * rename it over the target. Creates the folder. On any failure the temp file is removed and the
 * previous file is untouched; the error is a `workspace` error naming the path.
 */
export async function writeFileAtomically(
  filePath: string,
  data: string | Uint8Array,
  fileSystem: AtomicWriteFileSystem = realFileSystem,
): Promise<void> {
  const target = path.resolve(filePath);
  const folder = path.dirname(target);
  const temp = path.join(
    folder,
    `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
  );
  let handle: FileHandle | undefined;
  try {
    await mkdir(folder, { recursive: true });
    handle = await fileSystem.open(temp, "wx");
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fileSystem.rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ArcpPlanError("workspace", `could not write ${target}: ${reason}`, {
      hint: "check that the folder is writable and the disk has space (--out moves the output folder)",
      cause: error,
    });
  }
}
