/**
 * What the planning bootstrap (BOOTSTRAP.md) asserts about the workspace. Kept as data so drift
 * between these claims and what the workspace holds is reported, never silently trusted.
 */
export const BOOTSTRAP_ASSERTIONS = {
  /** "`../typescript-sdk/examples/README.md` — the 18 examples to mirror." */
  exampleCount: 18,
  /** "`../typescript-sdk/packages/middleware/{node,express,fastify,hono,bun,otel}`" (phase 5). */
  middleware: ["node", "express", "fastify", "hono", "bun", "otel"],
  /** "Spec v1.1 — `../spec/docs/draft-arcp-02.1.md`." */
  specViewPath: "../spec/docs/draft-arcp-02.1.md",
  /** The bootstrap's prompts are written for a Python SDK. */
  sdkLanguage: "python",
} as const;
