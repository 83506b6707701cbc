import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exitCodeForError } from "../../src/cli/exit-code.js";
import { ArcpPlanError } from "../../src/errors/arcp-plan-error.js";
import { compileBootstrap } from "../../src/pipeline/compile-bootstrap.js";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/bootstraps");

function compileError(text: string, name = "BOOTSTRAP.md"): ArcpPlanError {
  try {
    compileBootstrap(text, name);
  } catch (error) {
    expect(error).toBeInstanceOf(ArcpPlanError);
    return error as ArcpPlanError;
  }
  throw new Error("expected compileBootstrap to throw");
}

const fixtureError = (name: string): ArcpPlanError =>
  compileError(readFileSync(path.join(fixtures, name), "utf8"), name);

/** A small valid bootstrap with its table rows replaced, for one-problem variations. */
function withRows(rows: string, sections = [1, 2, 3]): string {
  return [
    "# Variation",
    "",
    "| # | File | Owner | Depends on |",
    "| - | ---- | ----- | ---------- |",
    rows,
    "",
    ...sections.flatMap((n) => [`### Phase ${n} — Step ${n} (you)`, "", `Do step ${n}.`, ""]),
  ].join("\n");
}

describe("compileBootstrap errors: a config error (exit 2) naming the line and what was expected", () => {
  it("a bootstrap without a phase table points at its Phases section", () => {
    const error = fixtureError("no-table.md");
    expect(error.kind).toBe("config");
    expect(exitCodeForError(error)).toBe(2);
    expect(error.message).toBe(
      'cannot compile the bootstrap: no-table.md:5: section "Phases" has no phase table; expected a table with the columns "#", "File", "Owner" and "Depends on", one row per phase (| 1 | `planning/v2.0/01-spec-delta.md` | you | spec |)',
    );
    expect(error.hint).toContain("no-table.md");
  });

  it("a bootstrap with no table has no phase table at line 1", () => {
    expect(compileError("# Notes\n\nHow to set up the dev box.\n").message).toMatch(
      /^cannot compile the bootstrap: BOOTSTRAP\.md:1: no phase table; expected/,
    );
  });

  it("a phase without a section points at its table row", () => {
    expect(fixtureError("missing-section.md").message).toBe(
      'cannot compile the bootstrap: missing-section.md:8: phase 2 (planning/v1.1/02-second.md) has no section; expected a heading "### Phase 2 — Title" followed by the phase\'s instructions',
    );
  });

  it("a dependency cycle names every phase in it and their rows", () => {
    expect(fixtureError("cycle.md").message).toBe(
      "cannot compile the bootstrap: cycle.md:8: a dependency cycle, each phase depending on the next: 02-second → 03-third → 02-second (rows at lines 8, 9); expected each phase to depend only on phases that do not depend on it",
    );
  });

  it("an unknown phase in 'Depends on' names the phases the table has", () => {
    expect(fixtureError("unknown-dependency.md").message).toBe(
      'cannot compile the bootstrap: unknown-dependency.md:8: phase 2 depends on phase 7, which the phase table does not list; expected phase numbers from the "#" column (1–2), or an input outside the pipeline such as "spec"',
    );
  });

  it("an unknown phase inside a range or as a file name is reported too", () => {
    const rows = [
      "| 1 | `planning/v1.1/01-a.md` | you | spec |",
      "| 2 | `planning/v1.1/02-b.md` | you | 02-z.md |",
      "| 3 | `planning/v1.1/03-c.md` | you | 1–4 |",
    ].join("\n");
    const error = compileError(withRows(rows));
    expect(error.message).toBe("cannot compile the bootstrap BOOTSTRAP.md: 3 problems");
    expect(error.details).toEqual([
      'BOOTSTRAP.md:6: phase 2 depends on "02-z.md", which the phase table does not list; expected phase numbers from the "#" column (1–3), or an input outside the pipeline such as "spec"',
      "BOOTSTRAP.md:7: phase 3 depends on itself; expected only phases that must be done before this one",
      'BOOTSTRAP.md:7: phase 3 depends on phase 4 (in "1–4"), which the phase table does not list; expected phase numbers from the "#" column (1–3), or an input outside the pipeline such as "spec"',
    ]);
  });

  it("collects every problem of a bootstrap in one error, sorted by line", () => {
    const rows = [
      "| 1 | `planning/v1.1/01-a.md` | boss | spec |",
      "| 2 | `planning/v1.1/02-b.md` | you | 01 |",
      "| 3 | `planning/v1.1/03-c.md` | you | 01 |",
    ].join("\n");
    const error = compileError(withRows(rows, [2, 4]));
    expect(error.details).toEqual([
      'BOOTSTRAP.md:5: the owner "boss" of phase 1 is not known; expected "you" (the lead conversation) or "subagent"',
      'BOOTSTRAP.md:5: phase 1 (planning/v1.1/01-a.md) has no section; expected a heading "### Phase 1 — Title" followed by the phase\'s instructions',
      'BOOTSTRAP.md:7: phase 3 (planning/v1.1/03-c.md) has no section; expected a heading "### Phase 3 — Title" followed by the phase\'s instructions',
      'BOOTSTRAP.md:13: section "Phase 4 — Step 4 (you)" has no row in the phase table; expected a table row for phase 4, or a heading naming a phase the table lists',
    ]);
  });

  it("a table whose files sit in no versioned folder, or in different folders, says which", () => {
    const unversioned = compileError(withRows("| 1 | `plans/01-a.md` | you | spec |", [1]));
    expect(unversioned.message).toContain(
      'BOOTSTRAP.md:5: the folder "plans/" names no protocol version; expected a versioned folder such as "planning/v2.0/"',
    );
    const mixed = compileError(
      withRows(
        ["| 1 | `planning/v1.1/01-a.md` | you | spec |", "| 2 | `planning/v1.2/02-b.md` | you | 01 |"].join(
          "\n",
        ),
        [1, 2],
      ),
    );
    expect(mixed.message).toContain(
      'BOOTSTRAP.md:6: the file sits in "planning/v1.2/", the first row\'s in "planning/v1.1/"',
    );
  });

  it("a verbatim marker with no quoted prompt after it points at the marker", () => {
    const text = withRows("| 1 | `planning/v1.1/01-a.md` | you | spec |", []).concat(
      "### Phase 1 — A (you)\n\nUse this prompt verbatim:\n\nThe prompt was forgotten here.\n",
    );
    expect(compileError(text).message).toBe(
      'cannot compile the bootstrap: BOOTSTRAP.md:8: phase 1 asks for a prompt to be used verbatim, but no quoted prompt follows; expected the prompt right after the marker, each line starting with "> " (or in a fenced block)',
    );
  });
});

describe("compileBootstrap: an output folder outside the checkout, or an empty file", () => {
  const table = (folder: string) =>
    [
      "# Bootstrap",
      "",
      "## Phases",
      "",
      "| # | File | Owner | Depends on |",
      "| - | ---- | ----- | ---------- |",
      `| 1 | \`${folder}/01-a.md\` | you | spec |`,
      "",
      "### Phase 1 — A (you)",
      "",
      "Write it.",
    ].join("\n");

  it("refuses a folder that climbs out of the checkout or is absolute", () => {
    for (const folder of ["../../elsewhere/v1.1", "/tmp/plans/v1.1"]) {
      expect(() => compileBootstrap(table(folder))).toThrow(
        `BOOTSTRAP.md:7: the folder "${folder}/" is outside the SDK checkout; expected a folder inside the checkout`,
      );
    }
    expect(compileBootstrap(table("plans/v1.1")).outputFolder.value).toBe("plans/v1.1");
  });

  it("says an empty file is empty", () => {
    expect(() => compileBootstrap("\n  \n", "BOOTSTRAP.md")).toThrow(
      "cannot compile the bootstrap: BOOTSTRAP.md:1: the file is empty; expected a planning bootstrap",
    );
  });
});
