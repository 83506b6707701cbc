/**
 * A phase named on the command line: by id ("04-architecture") or by its table number ("4", "04").
 * Pure; undefined when none matches.
 */
export function findPhaseId(
  phases: readonly { id: string; number: number }[],
  selector: string,
): string | undefined {
  const byNumber = /^\d+$/.test(selector) ? Number(selector) : undefined;
  return phases.find((phase) => phase.id === selector || phase.number === byNumber)?.id;
}
