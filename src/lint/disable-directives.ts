import type { PlanDocument } from "./plan-document.js";

/**
 * `<!-- arcp-plan-disable rule-a rule-b -->` switches rules off from that line until a matching
 * `<!-- arcp-plan-enable ... -->` (or the end of the file); without ids it switches every rule off.
 * A disable before the first content applies from line 1, so whole-document findings (reported at
 * 1:1) can be switched off too.
 */
interface Toggle {
  line: number;
  enable: boolean;
  /** Empty for "every rule". */
  rules: string[];
}

const DIRECTIVE = /<!--\s*arcp-plan-(disable|enable)\b([^>]*?)-->/g;

export function parseDisableDirectives(doc: PlanDocument): (ruleId: string, line: number) => boolean {
  const toggles: Toggle[] = [];
  for (const node of doc.htmlNodes) {
    const start = node.position?.start.offset ?? 0;
    for (const match of node.value.matchAll(DIRECTIVE)) {
      const offset = start + (match.index ?? 0);
      const line = offset <= doc.contentStart ? 1 : doc.toPoint(offset).line;
      const rules = (match[2] ?? "").split(/[\s,]+/).filter((id) => id !== "");
      toggles.push({ line, enable: match[1] === "enable", rules });
    }
  }
  if (toggles.length === 0) return () => false;
  return (ruleId, line) => {
    let disabled = false;
    for (const toggle of toggles) {
      if (toggle.line > line) break;
      if (toggle.rules.length === 0 || toggle.rules.includes(ruleId)) disabled = !toggle.enable;
    }
    return disabled;
  };
}
