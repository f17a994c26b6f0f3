import { fromNumber } from './rational.js';
import type { Ratio } from './rational.js';

/** Throws a RangeError unless `level` is a non-negative safe integer. */
export function assertLevel(level: number, what = 'level'): void {
  if (!Number.isSafeInteger(level) || level < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${level}`);
  }
}

/** Exact ratio of a strictly positive finite setting (speeds, multipliers). */
export function positiveRatio(x: number, what: string): Ratio {
  if (!Number.isFinite(x) || x <= 0) throw new RangeError(`${what} must be a positive number, got ${x}`);
  return fromNumber(x);
}
