import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// End-to-end tests spawn `bin/arcp-plan`, which runs the bundled `dist/`. Build once per test run
// so `npm test` never exercises a stale build.
export default function setup(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
}
