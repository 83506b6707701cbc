import { describe, expect, it } from "vitest";
import { createLintMessage } from "../../src/lint/lint-message.js";
import { buildRepairRequest } from "../../src/pipeline/build-repair-request.js";

describe("buildRepairRequest", () => {
  it("sends each error with its rule, place and line, and no warning", () => {
    const plan =
      "# Plan\n\nThe envelope is robust.\n\nA paragraph with no citation at all, long enough to warn.\n";
    const request = buildRepairRequest(
      plan,
      [
        createLintMessage("Unexpected banned word `robust`", "banned-words", "error", {
          line: 3,
          column: 17,
        }),
        createLintMessage("Unexpected paragraph without a citation", "paragraph-cites", "warning", {
          line: 5,
          column: 1,
        }),
      ],
      "planning/v1.1/04-architecture.md",
    );
    const text = (request.content[0] as { text: string }).text;
    expect(text).toContain("found 1 error in `planning/v1.1/04-architecture.md`");
    expect(text).toContain(
      "- line 3:17 [banned-words] Unexpected banned word `robust`\n  > The envelope is robust.",
    );
    // Warnings are the linter's doubts: a repair round never asks the model to change text for them.
    expect(text).not.toContain("paragraph-cites");
    expect(text).not.toContain("A paragraph with no citation");
  });
});
