import { describe, expect, it } from "vitest";
import { type Finding, type Label, precision, recall, scoreFindings } from "./score-findings.js";

const finding = (line: number, rule: string, severity: "error" | "warning"): Finding => ({
  file: "02-current-audit.md",
  line,
  rule,
  severity,
  message: "m",
});
const label = (line: number, rule: string, verdict: "real" | "false"): Label => ({
  file: "02-current-audit.md",
  line,
  rule,
  verdict,
  reason: "r",
});

describe("scoreFindings", () => {
  it("counts unlabelled errors against precision and missed real labels against recall", () => {
    const score = scoreFindings(
      [
        finding(3, "paths-resolve", "error"), // real
        finding(5, "paths-resolve", "error"), // false
        finding(7, "paths-resolve", "error"), // unlabelled
        finding(9, "paths-resolve", "warning"), // real, found as a warning
      ],
      [
        label(3, "paths-resolve", "real"),
        label(5, "paths-resolve", "false"),
        label(9, "paths-resolve", "real"),
        label(11, "paths-resolve", "real"), // nothing reported it
        label(3, "spec-sections", "real"), // same line, other rule: not found by paths-resolve
      ],
    );
    const paths = score.rules.find((rule) => rule.rule === "paths-resolve")!;
    expect(paths).toMatchObject({
      errors: 3,
      errorsReal: 1,
      errorsFalse: 1,
      errorsUnlabelled: 1,
      warnings: 1,
    });
    expect(precision(paths)).toBeCloseTo(1 / 3);
    expect(paths.realDefects).toBe(3);
    expect(recall(paths)).toBeCloseTo(2 / 3);
    expect(score.missed.map((missed) => `${missed.line} ${missed.rule}`)).toEqual([
      "11 paths-resolve",
      "3 spec-sections",
    ]);
    expect(score.unlabelled.map((f) => f.line)).toEqual([7]);
    expect(score.total.realDefects).toBe(4);
  });

  it("gives full marks when there is nothing to score", () => {
    const score = scoreFindings([], []);
    expect(precision(score.total)).toBe(1);
    expect(recall(score.total)).toBe(1);
  });
});
