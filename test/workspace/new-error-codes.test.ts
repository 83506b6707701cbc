import { describe, expect, it } from "vitest";
import { findNewErrorCodes } from "../../src/workspace/new-error-codes.js";

describe("findNewErrorCodes", () => {
  const previous =
    "## 9. Errors\n\n| Code | Meaning |\n| - | - |\n| `JOB_NOT_FOUND` | no job |\n| `TIMED_OUT` | slow |\n";

  it("takes the codes the error section marks new", () => {
    const current = [
      "## 9. Error taxonomy",
      "",
      "Three codes join the twelve of the previous version:",
      "",
      "| Code | Meaning |",
      "| - | - |",
      "| `JOB_NOT_FOUND` | no job |",
      "| `QUOTA_SPENT` | the quota ran out. _(new)_ |",
      "| `TOKEN_STALE` | a token past its time (new in 2.0) |",
      "",
      "## 10. Transports",
      "",
      "`WIRE_GONE` is a transport condition, not an error code of §9 (new).",
    ].join("\n");
    expect(findNewErrorCodes(current, undefined)).toEqual(["QUOTA_SPENT", "TOKEN_STALE"]);
  });

  it("takes the codes the previous draft never names, when nothing is marked", () => {
    const current = [
      "## 9. Errors",
      "",
      "### 9.1. Codes",
      "",
      "| Code | Since |",
      "| - | - |",
      "| `JOB_NOT_FOUND` | 1.0 |",
      "| `TIMED_OUT` | 1.0 |",
      "| `QUOTA_SPENT` | 2.0 |",
      "",
      "```text",
      "## 10. Not a heading: `FENCED_CODE`",
      "```",
      "",
      "### 9.2. Retrying",
      "",
      "Retry after `TIMED_OUT`.",
    ].join("\n");
    expect(findNewErrorCodes(current, previous)).toEqual(["QUOTA_SPENT"]);
    // Without the previous draft and without markers, nothing can be told new.
    expect(findNewErrorCodes(current, undefined)).toEqual([]);
  });
});
