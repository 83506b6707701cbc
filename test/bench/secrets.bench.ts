import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileBootstrapSource } from "../../src/pipeline/compile-bootstrap-source.js";
import { openWorkspace } from "../../src/pipeline/open-workspace.js";
import { readingListBundlePlan } from "../../src/pipeline/reading-list-bundle-plan.js";
import { loadBundle } from "../../src/workspace/load-bundle.js";
import { buildSecretPolicy, type SecretPolicy } from "../../src/workspace/secrets/secret-policy.js";
import { listWorkspaceFiles } from "../../src/workspace/workspace-files.js";
import type { BenchRow } from "./bench-row.js";
import { generateLargeWorkspace } from "./generate-large-workspace.js";

// What the secret policy costs, against named peers in the same run: redacting text against the line
// split `read_file` already does on the same text, and the whole bundle with the policy against the
// bundle with a policy that withholds and redacts nothing.

const RUNS = 5;

function medianMs(run: () => unknown): number {
  const times = Array.from({ length: RUNS }, () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)]!;
}

async function medianAsyncMs(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

const NO_POLICY: SecretPolicy = { withheldKind: () => undefined, redact: (text) => ({ text, counts: {} }) };

export default async function secretsBench(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), "arcp-plan-bench-secrets-"));
  try {
    const roots = await generateLargeWorkspace(dir);
    const files = await listWorkspaceFiles(roots);
    const text = (await Promise.all(files.map((file) => readFile(file.absolute, "utf8")))).join("\n");
    const policy = buildSecretPolicy();
    const redactMs = medianMs(() => policy.redact(text));
    const splitMs = medianMs(() => text.split(/\r?\n/));
    const mb = Buffer.byteLength(text) / 1e6;

    const workspace = await openWorkspace({
      cwd: roots.sdk,
      spec: roots.spec,
      reference: roots.reference,
    });
    const unbounded = { budgetTokens: 10_000_000 };
    const plan = readingListBundlePlan(compileBootstrapSource(workspace.bootstrap).readingList);
    const withPolicy = await medianAsyncMs(() =>
      loadBundle(workspace, { ...unbounded, secrets: policy, plan }),
    );
    const without = await medianAsyncMs(() =>
      loadBundle(workspace, { ...unbounded, secrets: NO_POLICY, plan }),
    );
    return [
      {
        area: "secrets",
        metric: `redaction of every text file (large workspace, ${mb.toFixed(1)} MB): throughput`,
        value: `${(mb / (redactMs / 1000)).toFixed(0)} MB/s`,
        target: "-",
      },
      {
        area: "secrets",
        metric: "  same, time against the line split read_file does on the same text (peer)",
        value: `${(redactMs / splitMs).toFixed(1)}x (${redactMs.toFixed(1)} / ${splitMs.toFixed(1)} ms)`,
        target: "< 10x",
        met: redactMs / splitMs < 10,
      },
      {
        area: "secrets",
        metric: "bundle (large, unbounded budget) with the secret policy against none (peer)",
        value: `${(withPolicy / without).toFixed(2)}x (${withPolicy.toFixed(0)} / ${without.toFixed(0)} ms)`,
        target: "< 1.5x",
        met: withPolicy / without < 1.5,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
