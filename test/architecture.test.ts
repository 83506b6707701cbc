import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/run-cli.js";

// DESIGN.md §8: cli → pipeline → {workspace, llm, lint} → errors, read from the import lines.
const src = join(repoRoot, "src");

interface SourceFile {
  path: string;
  layer: string;
  imports: string[];
  text: string;
}

function sourceFiles(): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) {
        const text = readFileSync(path, "utf8");
        const imports = [...text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]!);
        files.push({ path: relative(src, path), layer: relative(src, path).split("/")[0]!, imports, text });
      }
    }
  };
  walk(src);
  return files;
}

/** The src layer a relative import lands in ("pipeline", "lint", ...; a top-level file counts as its name). */
function layerOf(file: SourceFile, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  return relative(src, resolve(dirname(join(src, file.path)), specifier))
    .split("/")[0]!
    .replace(/\.js$/, "");
}

const allowed: Record<string, string[]> = {
  errors: ["errors"],
  workspace: ["workspace", "errors"],
  llm: ["llm", "errors"],
  lint: ["lint", "errors"],
  pipeline: ["pipeline", "workspace", "llm", "lint", "errors", "tool-version"],
  cli: ["cli", "pipeline", "workspace", "llm", "lint", "errors", "tool-version", "demo"],
  // The local model server `arcp-plan demo` runs (and the tests share): only cli uses it.
  demo: ["demo", "errors"],
};

describe("architecture", () => {
  const files = sourceFiles();

  it("keeps dependencies pointing one way", () => {
    const offenders = files.flatMap((file) =>
      file.imports
        .map((specifier) => [specifier, layerOf(file, specifier)] as const)
        .filter(
          ([, layer]) => layer !== undefined && allowed[file.layer] && !allowed[file.layer]!.includes(layer),
        )
        .map(([specifier]) => `${file.path} imports ${specifier}`),
    );
    expect(files.length).toBeGreaterThan(50);
    expect(offenders).toEqual([]);
  });

  it("has exactly one importer of @anthropic-ai/sdk: the adapter", () => {
    const importers = files
      .filter((f) => f.imports.some((s) => s.startsWith("@anthropic-ai/sdk")))
      .map((f) => f.path);
    expect(importers).toEqual(["llm/anthropic-model.ts"]);
  });

  it("sets exit codes in one place", () => {
    const exiting = files
      .filter((f) => /process\.exit\(|process\.exitCode\s*=/.test(f.text))
      .map((f) => f.path);
    expect(exiting).toEqual(["cli/main.ts"]);
  });

  it("loads command modules lazily from the program declaration", () => {
    const program = files.find((f) => f.path === "cli/program.ts")!;
    expect(program.imports.filter((s) => s.includes("/commands/"))).not.toEqual([]);
    expect(program.text).not.toMatch(/^import .*\/commands\//m);
  });
});
