import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// End-to-end tests spawn `bin/arcp-plan.js`, which runs the compiled `dist/`. Build once per test run
// so `npm test` never exercises a stale build.
export default function setup(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
  execFileSync(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
}
