import { RESOURCES } from './ids.js';
import type { Resources } from './ids.js';

/** Milliseconds per hour: the fixed-point denominator of accrual remainders. */
export const MS_PER_HOUR = 3_600_000;

/**
 * Stored amounts plus the exact fractional part of accrual not yet credited:
 * `remainders` are integer numerators in [0, 3 600 000), in unit·ms per hour
 * (a remainder of 1 800 000 is half a unit).
 */
export interface StoredResources {
  amounts: Resources;
  remainders: Resources;
}

/** Largest |rate| for which `rate · ms + remainder` (ms < 1 h) stays exact in a double. */
export const MAX_ABS_RATE_PER_HOUR = Math.floor(Number.MAX_SAFE_INTEGER / MS_PER_HOUR) - 1;

function assertInteger(x: number, what: string): void {
  if (!Number.isSafeInteger(x)) throw new RangeError(`${what} must be a safe integer, got ${x}`);
}

/** Settle one resource; returns [amount, remainder]. */
function settleOne(amount: number, remainder: number, rate: number, cap: number, ms: number): [number, number] {
  if (rate > 0 && amount >= cap) return [amount, 0];
  // Whole hours contribute `rate` each exactly; only the rest needs the fixed-point
  // numerator, which keeps `rate · restMs + remainder` far below 2^53.
  const hours = Math.floor(ms / MS_PER_HOUR);
  const numerator = rate * (ms - hours * MS_PER_HOUR) + remainder;
  const carry = Math.floor(numerator / MS_PER_HOUR);
  const rest = numerator - carry * MS_PER_HOUR;
  const next = amount + rate * hours + carry;
  if (next > cap && rate > 0) return [cap, 0];
  if (next < 0) return [0, 0];
  return [next, rest];
}

/**
 * Exact lazy accrual over `elapsedMs` with integer per-hour rates. Splitting an interval
 * into any number of settles gives the same result as one settle, as long as no cap or
 * zero is hit. Growth stops at the cap (an amount already at or above the cap, e.g.
 * through deliveries, is kept and does not grow); negative rates stop at 0. Hitting a
 * bound drops the remainder. `elapsedMs <= 0` returns `stored` unchanged.
 */
export function settleResources(stored: StoredResources, ratePerHour: Resources, caps: Resources, elapsedMs: number): StoredResources {
  assertInteger(elapsedMs, 'elapsedMs');
  if (elapsedMs <= 0) return stored;
  const amounts = { ...stored.amounts };
  const remainders = { ...stored.remainders };
  for (const r of RESOURCES) {
    const rate = ratePerHour[r];
    assertInteger(rate, `rate of ${r}`);
    if (Math.abs(rate) > MAX_ABS_RATE_PER_HOUR) throw new RangeError(`rate of ${r} too large: ${rate}`);
    assertInteger(stored.amounts[r], `amount of ${r}`);
    const rem = stored.remainders[r];
    if (!Number.isInteger(rem) || rem < 0 || rem >= MS_PER_HOUR) {
      throw new RangeError(`remainder of ${r} must be an integer in [0, ${MS_PER_HOUR}), got ${rem}`);
    }
    [amounts[r], remainders[r]] = settleOne(stored.amounts[r], rem, rate, caps[r], elapsedMs);
  }
  return { amounts, remainders };
}

/** A store holding `amounts` with no pending fractions. */
export function storedResources(amounts: Resources): StoredResources {
  return { amounts: { ...amounts }, remainders: { metal: 0, crystal: 0, deuterium: 0 } };
}
