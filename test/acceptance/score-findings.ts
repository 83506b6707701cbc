/**
 * Scores linter findings against hand-made labels: pure, so the acceptance script and its test share it.
 *
 * A label is `file, line, rule, verdict, reason` for one place in a real plan: `real` (a defect a
 * reviewer would want fixed) or `false` (the text is right; the finding is wrong). A label applies to
 * every finding of its rule on its line. Real labels are the recall set: a real defect counts as found
 * when any finding of its rule, error or warning, lands on its line.
 */
export interface Label {
  file: string;
  line: number;
  rule: string;
  verdict: "real" | "false";
  reason: string;
}

export interface Finding {
  file: string;
  line: number;
  rule: string;
  severity: "error" | "warning";
  message: string;
}

export interface RuleScore {
  rule: string;
  errors: number;
  warnings: number;
  /** Errors whose label says real / false; unlabelled errors count against precision. */
  errorsReal: number;
  errorsFalse: number;
  errorsUnlabelled: number;
  warningsFalse: number;
  /** Real labels of this rule, and how many of them a finding reported. */
  realDefects: number;
  realFound: number;
}

export interface Score {
  rules: RuleScore[];
  total: RuleScore;
  unlabelled: Finding[];
  missed: Label[];
}

const key = (file: string, line: number, rule: string) => `${file}\0${line}\0${rule}`;

export function scoreFindings(findings: readonly Finding[], labels: readonly Label[]): Score {
  const byPlace = new Map(labels.map((label) => [key(label.file, label.line, label.rule), label]));
  const scores = new Map<string, RuleScore>();
  const score = (rule: string): RuleScore => {
    let entry = scores.get(rule);
    if (!entry) {
      entry = emptyScore(rule);
      scores.set(rule, entry);
    }
    return entry;
  };
  const unlabelled: Finding[] = [];
  const found = new Set<string>();
  for (const finding of findings) {
    const place = key(finding.file, finding.line, finding.rule);
    const label = byPlace.get(place);
    const entry = score(finding.rule);
    if (label?.verdict === "real") found.add(place);
    if (finding.severity === "error") {
      entry.errors++;
      if (label === undefined) entry.errorsUnlabelled++;
      else if (label.verdict === "real") entry.errorsReal++;
      else entry.errorsFalse++;
    } else {
      entry.warnings++;
      if (label?.verdict === "false") entry.warningsFalse++;
    }
    if (label === undefined) unlabelled.push(finding);
  }
  const missed: Label[] = [];
  for (const label of labels) {
    if (label.verdict !== "real") continue;
    const entry = score(label.rule);
    entry.realDefects++;
    if (found.has(key(label.file, label.line, label.rule))) entry.realFound++;
    else missed.push(label);
  }
  const rules = [...scores.values()].sort((a, b) => a.rule.localeCompare(b.rule));
  return { rules, total: sumScores(rules), unlabelled, missed };
}

export function sumScores(rules: readonly RuleScore[]): RuleScore {
  const total = emptyScore("all rules");
  for (const entry of rules) {
    for (const field of FIELDS) total[field] += entry[field];
  }
  return total;
}

/** Errors that are real defects, of all errors (1 when there are none). */
export function precision(entry: RuleScore): number {
  return entry.errors === 0 ? 1 : entry.errorsReal / entry.errors;
}

/** Real defects reported, of all labelled real defects (1 when there are none). */
export function recall(entry: RuleScore): number {
  return entry.realDefects === 0 ? 1 : entry.realFound / entry.realDefects;
}

const FIELDS = [
  "errors",
  "warnings",
  "errorsReal",
  "errorsFalse",
  "errorsUnlabelled",
  "warningsFalse",
  "realDefects",
  "realFound",
] as const;

function emptyScore(rule: string): RuleScore {
  return {
    rule,
    errors: 0,
    warnings: 0,
    errorsReal: 0,
    errorsFalse: 0,
    errorsUnlabelled: 0,
    warningsFalse: 0,
    realDefects: 0,
    realFound: 0,
  };
}
