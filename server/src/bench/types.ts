import type { BenchDatabases } from './db.js';

/**
 * The benchmark runner's vocabulary. A scenario measures something and returns figures; each
 * figure is compared with a baseline measured in the same run, so a ratio means something on
 * any machine (absolute numbers alone depend on the host).
 */

export interface BenchContext {
  /** Smaller workloads for a fast check (CI, a laptop on battery). */
  quick: boolean;
  /** The run's PostgreSQL server: a fresh database per measurement. */
  db: BenchDatabases;
  /** Folder of this run's report, profiles and raw samples (git-ignored). */
  outDir: string;
  /** Progress line on stderr. */
  log(msg: string): void;
  /** A sentence for the report: what bounded a figure, why a step stopped, what a profile showed. */
  note(text: string): void;
}

export interface Scenario {
  /** Short lower-case name, used by `--only`. */
  name: string;
  description: string;
  /** Needs the run's PostgreSQL server (ctx.db); the runner only starts one when a selected scenario does. */
  database?: boolean;
  run(ctx: BenchContext): Promise<Figure[]>;
}

/** One line of the runner's output. */
export interface Figure {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  baseline: number;
  /** value / baseline (null when the baseline is 0). */
  ratio: number | null;
  /** What the baseline is, in words. */
  baselineIs: string;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function figure(bench: string, metric: string, value: number, unit: string, baseline: number, baselineIs: string): Figure {
  return {
    bench,
    metric,
    value: round3(value),
    unit,
    baseline: round3(baseline),
    ratio: baseline === 0 ? null : round3(value / baseline),
    baselineIs,
  };
}
