import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // End-to-end tests spawn the built CLI; the global setup builds it once.
    globalSetup: ["test/support/global-setup.ts"],
    // The compiled-bootstrap cache of in-process tests stays out of the user's home.
    env: { ARCP_PLAN_CACHE_DIR: join(tmpdir(), `arcp-plan-test-cache-${process.pid}`) },
  },
});
