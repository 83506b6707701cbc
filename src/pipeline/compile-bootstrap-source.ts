import path from "node:path";
import type { BootstrapSource } from "../workspace/read-bootstrap-source.js";
import { type CompiledBootstrap, compileBootstrap } from "./compile-bootstrap.js";
import { packageFolder } from "./package-folder.js";

/** The seed bootstrap the tool ships (the Python one): the program when nothing else names one. */
export function builtinBootstrapPath(): string {
  return path.join(packageFolder("prompts"), "BOOTSTRAP.md");
}

const compiled = new Map<string, CompiledBootstrap>();

/**
 * `compileBootstrap` once per file and text: a command compiles its bootstrap when it resolves the
 * workspace (for the output folder and version) and again when it loads the phases. Errors name the
 * file by its path.
 */
export function compileBootstrapSource(source: Pick<BootstrapSource, "path" | "text">): CompiledBootstrap {
  const key = `${source.path}\0${source.text}`;
  let result = compiled.get(key);
  if (!result) {
    result = compileBootstrap(source.text, source.path);
    compiled.set(key, result);
  }
  return result;
}
