import { isUtf8 } from "node:buffer";
import { describe, expect, it } from "vitest";
import {
  firstInvalidUtf8Byte,
  planEncodingProblem,
  planHeadProblem,
} from "../../src/cli/plan-text-problem.js";

describe("what lint accepts as a plan", () => {
  it("names binaries before anything else, then names that are not markdown", () => {
    const elf = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
    expect(planHeadProblem("a.md", elf)).toMatch(/^a binary file/);
    expect(planHeadProblem("ls", elf)).toMatch(/^a binary file/);
    const text = new TextEncoder().encode("[project]\nname = 'x'\n");
    expect(planHeadProblem("pyproject.toml", text)).toBe("not a markdown file (.toml); plans are *.md files");
    expect(planHeadProblem("README", text)).toBe("not a markdown file (no extension); plans are *.md files");
    expect(planHeadProblem("notes.MD", text)).toBeUndefined();
    expect(planHeadProblem("notes.markdown", text)).toBeUndefined();
  });

  it("finds the first byte that breaks UTF-8 and its line", () => {
    const latin1 = Uint8Array.from([...Buffer.from("# T\n\nCaf"), 0xe9, 0x0a]);
    expect(firstInvalidUtf8Byte(latin1)).toBe(8);
    expect(planEncodingProblem(latin1)).toBe(
      "not UTF-8 text: byte 0xE9 on line 3 is not valid UTF-8 (save the file as UTF-8)",
    );
    expect(planEncodingProblem(new TextEncoder().encode("# Ünïcödé → ✓ 𝄞\n"))).toBeUndefined();
  });

  it("agrees with Node's own UTF-8 check on edge cases and random bytes", () => {
    const cases: number[][] = [
      [0xc0, 0x80], // overlong NUL
      [0xe0, 0x80, 0x80], // overlong
      [0xed, 0xa0, 0x80], // surrogate
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xf0, 0x9f, 0x98], // truncated
      [0xe2, 0x86, 0x92], // →, valid
      [0xf0, 0x9d, 0x84, 0x9e], // 𝄞, valid
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed;
    };
    for (let n = 0; n < 2000; n += 1) {
      // Mostly valid-looking bytes with a few high ones, so both verdicts occur often.
      cases.push(
        Array.from({ length: 1 + (random() % 12) }, () =>
          random() % 4 === 0 ? 0x80 + (random() % 128) : random() % 128,
        ),
      );
    }
    let invalid = 0;
    for (const bytes of cases) {
      const buffer = Uint8Array.from(bytes);
      const offset = firstInvalidUtf8Byte(buffer);
      expect(offset === undefined, bytes.join(",")).toBe(isUtf8(buffer));
      if (offset !== undefined) {
        invalid += 1;
        expect(isUtf8(buffer.subarray(0, offset)), bytes.join(",")).toBe(true);
      }
    }
    expect(invalid).toBeGreaterThan(100);
  });
});
