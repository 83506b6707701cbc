import { describe, expect, it } from "vitest";
import {
  buildPhaseRequest,
  cachePrefixId,
  type PhaseRequestInput,
} from "../../src/pipeline/build-phase-request.js";
import type { PhaseDefinition } from "../../src/pipeline/phase-definition.js";

function phase(id: string, body = `Instructions of ${id}.`): PhaseDefinition {
  return {
    id,
    title: id,
    output: `${id}.md`,
    needs: [],
    reads: [],
    owner: "subagent",
    verbatim: false,
    checks: [],
    body,
    sourcePath: `/prompts/${id}.md`,
    promptSource: `bootstrap section ${id}`,
    promptHash: "0".repeat(64),
  };
}

const upstream = [
  { output: "01-spec-delta.md", text: "# Spec delta\n\nBody of 01.\n" },
  { output: "02-current-audit.md", text: "# Audit\n\nBody of 02." },
];

function input(overrides: Partial<PhaseRequestInput>): PhaseRequestInput {
  return {
    phase: phase("03-libraries"),
    systemPrompt: "SYSTEM RULES",
    bundleText: '<workspace-file path="README.md">\nhello\n</workspace-file>\n',
    upstream,
    siblingsNotAvailable: [],
    outViewDir: "planning/v1.1",
    ...overrides,
  };
}

describe("buildPhaseRequest", () => {
  it("puts rules, then the bundle (breakpoint), then upstream plans (breakpoint), then the instructions", () => {
    const request = buildPhaseRequest(input({}));
    expect(request.system.map((b) => [b.text.slice(0, 17), b.cacheBreakpoint === true])).toEqual([
      ["SYSTEM RULES", false],
      ["# Context bundle\n", true],
    ]);
    const [first] = request.messages;
    expect(first?.role).toBe("user");
    const blocks = first!.content.filter((b) => b.type === "text");
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatchObject({ cacheBreakpoint: true });
    expect(blocks[0]!.text).toContain('<plan path="planning/v1.1/01-spec-delta.md">\n# Spec delta');
    expect(blocks[0]!.text).toContain(
      '<plan path="planning/v1.1/02-current-audit.md">\n# Audit\n\nBody of 02.\n</plan>',
    );
    expect(blocks[1]!.cacheBreakpoint).toBeUndefined();
    expect(blocks[1]!.text).toContain("# Phase 03-libraries");
    expect(blocks[1]!.text).toContain("Instructions of 03-libraries.");
    expect(blocks[1]!.text).toContain("Write `planning/v1.1/03-libraries.md`");
  });

  it("gives phases with the same upstream byte-identical cached prefixes and one prefix id", () => {
    const a = buildPhaseRequest(input({ phase: phase("03-libraries") }));
    const b = buildPhaseRequest(
      input({ phase: phase("07-tests"), siblingsNotAvailable: ["06-examples.md"] }),
    );
    expect(b.system).toEqual(a.system);
    expect(b.messages[0]!.content[0]).toEqual(a.messages[0]!.content[0]);
    expect(b.messages[0]!.content[1]).not.toEqual(a.messages[0]!.content[1]);
    expect(cachePrefixId("m", [], a)).toBe(cachePrefixId("m", [], b));
    expect(cachePrefixId("other-model", [], a)).not.toBe(cachePrefixId("m", [], a));
  });

  it("gives a phase with other upstream plans another prefix id", () => {
    const fanOut = buildPhaseRequest(input({}));
    const synthesis = buildPhaseRequest(
      input({ phase: phase("10-synthesis"), upstream: upstream.slice(0, 1) }),
    );
    expect(cachePrefixId("m", [], synthesis)).not.toBe(cachePrefixId("m", [], fanOut));
  });

  it("has no upstream block (and one breakpoint) for a phase without needs", () => {
    const request = buildPhaseRequest(input({ phase: phase("01-spec-delta"), upstream: [] }));
    expect(request.messages[0]!.content).toHaveLength(1);
    const breakpoints = [...request.system, ...request.messages[0]!.content].filter(
      (b) => b.type === "text" && b.cacheBreakpoint,
    );
    expect(breakpoints).toHaveLength(1);
  });

  it("tells a phase plainly which plans it reads are being written in parallel", () => {
    const request = buildPhaseRequest(
      input({ siblingsNotAvailable: ["04-architecture.md", "06-examples.md"] }),
    );
    const text = request.messages[0]!.content.at(-1)!;
    expect(text.type === "text" && text.text).toContain(
      "`planning/v1.1/04-architecture.md`, `planning/v1.1/06-examples.md` are being written in parallel",
    );
    const alone = buildPhaseRequest(input({}));
    const plain = alone.messages[0]!.content.at(-1)!;
    expect(plain.type === "text" && plain.text).not.toContain("written in parallel");
  });
});
