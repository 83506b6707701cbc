/** One line of the `npm run bench` table. */
export interface BenchRow {
  /** Which area the figure belongs to: "cli", "bundle", "lint", "model", "pipeline", "faults". */
  area: string;
  /** What was measured, e.g. "bundle wall time (large, ~2 MB)". */
  metric: string;
  /** Measured value with its unit, e.g. "412 ms". */
  value: string;
  /** The target, e.g. "< 1500 ms"; "-" when the figure is informational. */
  target: string;
  /** Whether the target was met; undefined when informational. */
  met?: boolean;
}

/** A bench module's default export: measures something and returns rows. */
export type BenchSection = () => Promise<BenchRow[]>;
