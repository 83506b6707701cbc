import { ALL_RULES } from "../all-rules.js";
import { LINT_RULESET_VERSION } from "../preset.js";
import type { FileLintResult } from "./lint-result.js";

/** SARIF 2.1.0, for code-scanning uploads. File paths are emitted as relative URIs. */
export function formatSarif(results: readonly FileLintResult[], toolVersion: string): string {
  const rules = ALL_RULES.map((rule) => ({ id: rule.id, shortDescription: { text: rule.description } }));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "arcp-plan",
            version: toolVersion,
            semanticVersion: toolVersion,
            properties: { rulesetVersion: LINT_RULESET_VERSION },
            rules,
          },
        },
        results: results.flatMap((result) =>
          result.messages.map((message) => ({
            ruleId: message.ruleId,
            ruleIndex: ruleIndex.get(message.ruleId as (typeof rules)[number]["id"]),
            level: message.severity === "error" ? "error" : "warning",
            message: { text: message.reason },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: result.file.split("\\").join("/") },
                  region: { startLine: message.line, startColumn: message.column },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
