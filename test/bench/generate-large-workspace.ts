import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * Writes a synthetic ARCP-shaped workspace of about 2 MB of sources (a few thousand files) under `dir`,
 * for benches. Deterministic, so figures are comparable between runs. Never committed: callers pass a
 * temp dir. Also writes things the bundle must skip (node_modules, a lock file, build output, an ignored
 * folder) so the skip paths are measured too.
 */
export async function generateLargeWorkspace(
  dir: string,
): Promise<{ sdk: string; spec: string; reference: string }> {
  const sdk = join(dir, "python-sdk");
  const spec = join(dir, "spec");
  const reference = join(dir, "typescript-sdk");
  const files = new Map<string, string>();

  files.set(join(spec, "docs/draft-arcp-1.0.md"), specDraft("1.0", 12, 6));
  files.set(join(spec, "docs/draft-arcp-1.1.md"), specDraft("1.1", 14, 9));

  const middleware = ["node", "express", "fastify", "hono", "bun", "otel"];
  files.set(
    join(reference, "README.md"),
    "# ARCP TypeScript SDK (generated)\n\n| Package | Folder |\n| - | - |\n",
  );
  files.set(join(reference, "CONFORMANCE.md"), conformance("packages/core/src/module-0000.ts", 60));
  const examples = Array.from({ length: 18 }, (_, i) => `example-${String(i).padStart(2, "0")}`);
  files.set(
    join(reference, "examples/README.md"),
    `# Examples\n\n${examples.map((e) => `- ${e}/`).join("\n")}\n`,
  );
  for (const example of examples) files.set(join(reference, "examples", example, "main.ts"), tsModule(0, 6));
  for (const name of middleware) {
    files.set(
      join(reference, "packages/middleware", name, "package.json"),
      `{ "name": "@arcp/middleware-${name}" }\n`,
    );
    files.set(join(reference, "packages/middleware", name, "src/index.ts"), tsModule(1, 20));
  }
  const packages = ["core", "client", "runtime", "sdk"];
  for (let i = 0; i < 1400; i++) {
    const pkg = packages[i % packages.length]!;
    files.set(
      join(reference, "packages", pkg, "src", `module-${String(i).padStart(4, "0")}.ts`),
      tsModule(i, 5),
    );
  }
  files.set(join(reference, "package-lock.json"), `{ "lockfileVersion": 3, "packages": {} }\n`);
  files.set(join(reference, "node_modules/left-pad/index.js"), "module.exports = () => '';\n");
  files.set(join(reference, "dist/index.js"), "export {};\n");

  files.set(join(sdk, "pyproject.toml"), '[project]\nname = "arcp"\nversion = "1.0.0"\n');
  files.set(join(sdk, "README.md"), "# arcp (generated)\n");
  files.set(join(sdk, "CONFORMANCE.md"), conformance("src/arcp/module_0000.py", 40));
  files.set(join(sdk, "PLAN.md"), "# Plan\n\n1. Generated workspace for benches.\n");
  files.set(join(sdk, ".gitignore"), "build/\n*.egg-info/\n.venv/\ngenerated-cache/\n");
  for (let i = 0; i < 1300; i++) {
    files.set(join(sdk, "src/arcp", `module_${String(i).padStart(4, "0")}.py`), pyModule(i, 5));
  }
  for (let i = 0; i < 200; i++) {
    files.set(join(sdk, "tests", `test_module_${String(i).padStart(4, "0")}.py`), pyModule(i, 3));
  }
  files.set(join(sdk, "uv.lock"), "version = 1\n");
  files.set(join(sdk, "build/lib/arcp/__init__.py"), "\n");
  files.set(join(sdk, "generated-cache/blob.txt"), "ignored by .gitignore\n");

  const folders = new Set([...files.keys()].map((file) => dirname(file)));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  await Promise.all([...files].map(([file, text]) => writeFile(file, text)));
  return { sdk, spec, reference };
}

function specDraft(version: string, chapters: number, subsections: number): string {
  const lines = [`# Agent Runtime Control Protocol, Version ${version}`, "", `Version: ${version}`, ""];
  for (let c = 1; c <= chapters; c++) {
    lines.push(`## ${c}. Chapter ${c}`, "", paragraph(c), "");
    for (let s = 1; s <= subsections; s++) {
      lines.push(`### ${c}.${s}. Topic ${c}.${s}`, "", paragraph(c * 31 + s), "", paragraph(c * 17 + s), "");
    }
  }
  return `${lines.join("\n")}\n`;
}

function conformance(file: string, rows: number): string {
  const body = Array.from({ length: rows }, (_, i) => `| Feature ${i} | §${(i % 12) + 1} | \`${file}:1\` |`);
  return `# Conformance\n\n| Feature | Spec | Location |\n| - | - | - |\n${body.join("\n")}\n`;
}

function tsModule(seed: number, functions: number): string {
  const out = [`// Generated module ${seed}.`, `import type { Envelope } from "./envelope.js";`, ""];
  for (let f = 0; f < functions; f++) {
    out.push(
      `/** Handles message kind ${seed}.${f}. */`,
      `export function handle${seed}_${f}(envelope: Envelope): string {`,
      `  return \`\${envelope.type}:${seed}:${f}\`;`,
      "}",
      "",
    );
  }
  return out.join("\n");
}

function pyModule(seed: number, functions: number): string {
  const out = [`"""Generated module ${seed}."""`, "", "from __future__ import annotations", ""];
  for (let f = 0; f < functions; f++) {
    out.push(
      "",
      `def handle_${seed}_${f}(envelope: dict[str, object]) -> str:`,
      `    return f"{envelope['type']}:${seed}:${f}"`,
      "",
    );
  }
  return out.join("\n");
}

function paragraph(seed: number): string {
  const words = [
    "session",
    "job",
    "lease",
    "event",
    "runtime",
    "client",
    "envelope",
    "budget",
    "agent",
    "chunk",
  ];
  return Array.from({ length: 60 }, (_, i) => words[(seed * 7 + i * 3) % words.length]).join(" ");
}
