import type { LintRule } from "./lint-rule.js";
import { bannedWords } from "./rules/banned-words.js";
import { bulletRestatesHeading } from "./rules/bullet-restates-heading.js";
import { fencesBalanced } from "./rules/fences-balanced.js";
import { futureWorkConcrete } from "./rules/future-work-concrete.js";
import { noEmoji } from "./rules/no-emoji.js";
import { noSimplyJust } from "./rules/no-simply-just.js";
import { paragraphCites } from "./rules/paragraph-cites.js";
import { pathsResolve } from "./rules/paths-resolve.js";
import { phaseStructure } from "./rules/phase-structure.js";
import { planReferences } from "./rules/plan-references.js";
import { readingTime } from "./rules/reading-time.js";
import { risksNameThings } from "./rules/risks-name-things.js";
import { specSections } from "./rules/spec-sections.js";

/** Every rule, in the order of `RULE_IDS`. */
export const ALL_RULES: readonly LintRule[] = [
  readingTime,
  bannedWords,
  pathsResolve,
  specSections,
  planReferences,
  paragraphCites,
  fencesBalanced,
  noEmoji,
  noSimplyJust,
  bulletRestatesHeading,
  futureWorkConcrete,
  risksNameThings,
  phaseStructure,
];
