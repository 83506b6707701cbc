import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadBuiltinProgram } from "../support/builtin-program.js";

/**
 * The built-in program must carry the seed bootstrap faithfully: its phases are compiled from
 * `prompts/BOOTSTRAP.md`, and this test reads the quoted prompts with a plain line scan of its own, so
 * a compiler that drops or rewrites a line is caught. Set ARCP_PLAN_BOOTSTRAP to check against another
 * copy of the seed.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bootstrapPath = path.resolve(
  process.env.ARCP_PLAN_BOOTSTRAP ?? path.join(repoRoot, "prompts/BOOTSTRAP.md"),
);

/** The `> `-quoted prompt under each "### Phase N" heading, with the quote markers removed. */
function quotedPrompts(bootstrap: string): Map<number, string> {
  const blocks = new Map<number, string[]>();
  let phase: number | undefined;
  for (const line of bootstrap.split("\n")) {
    const heading = /^### Phase (\d+)/.exec(line);
    if (heading) phase = Number(heading[1]);
    else if (/^#{1,3} /.test(line)) phase = undefined;
    else if (phase !== undefined && line.startsWith(">")) {
      blocks.set(phase, [...(blocks.get(phase) ?? []), line.replace(/^> ?/, "")]);
    }
  }
  return new Map([...blocks].map(([phase, lines]) => [phase, lines.join("\n").trimEnd()]));
}

describe(`prompts follow ${bootstrapPath}`, () => {
  // A missing file fails the suite here, by design: nothing in it may skip quietly.
  const bootstrap = readFileSync(bootstrapPath, "utf8");

  it("phase 3's body is byte-identical to the bootstrap's quoted prompt", async () => {
    const { phases } = await loadBuiltinProgram();
    const libraries = phases.find((phase) => phase.id === "03-libraries");
    expect(libraries?.verbatim).toBe(true);
    expect(libraries?.body).toBe(quotedPrompts(bootstrap).get(3));
  });

  it("phases 4 to 9 carry their quoted prompts word for word too", async () => {
    const { phases } = await loadBuiltinProgram();
    const quoted = quotedPrompts(bootstrap);
    for (const phase of phases.slice(3, 9)) {
      expect(phase.body, phase.id).toBe(quoted.get(Number(phase.id.slice(0, 2))));
    }
  });

  it("phases 1, 2 and 10 carry their bootstrap sections", async () => {
    const { phases } = await loadBuiltinProgram();
    for (const phase of [phases[0]!, phases[1]!, phases[9]!]) {
      const number = Number(phase.id.slice(0, 2));
      const section = new RegExp(`### Phase ${number} [^\\n]*\\n[\\s\\S]*?(?=\\n### |\\n## )`).exec(
        bootstrap,
      )?.[0];
      expect(section, phase.id).toBeDefined();
      expect(phase.body, phase.id).toBe(section!.trimEnd());
    }
  });

  it("the system prompt carries the persona, operating rules, guardrails and 'what good looks like'", async () => {
    const { system } = await loadBuiltinProgram();
    const section = (title: string): string =>
      new RegExp(`## ${title}\\n[\\s\\S]*?(?=\\n## |\\n---)`).exec(bootstrap)![0].trimEnd();
    for (const title of [
      "Operating rules",
      "Anti-slop guardrails \\(apply to every phase\\)",
      "What good looks like",
    ]) {
      expect(system).toContain(section(title));
    }
    const persona = bootstrap.split("\n\n")[1]!;
    expect(system).toContain(persona);
    // The workspace note and the phases' intro describe a hand-run console session: not sent.
    expect(system).not.toContain("Workspace assumption");
    expect(system).not.toMatch(/^## Phases/m);
    // The tool's own text: the tools and the "answer is the file" contract are spelled out.
    for (const word of ["list_files", "read_file", "grep", "no code fence"]) expect(system).toContain(word);
  });
});
