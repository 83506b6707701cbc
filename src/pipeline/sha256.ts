import { createHash } from "node:crypto";

/** Hex sha256 of a text (UTF-8) or bytes: the hash the run record and the lint cache compare by. */
export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
