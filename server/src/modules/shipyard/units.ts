import type { UnitCounts } from '@starhold/common';
import type { Planet } from '../planets/planet.entity.js';

/** Positive counts only, so an emptied type disappears from the stored map. */
export function compactCounts(units: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(units)) if (n > 0) out[k] = n;
  return out;
}

/** Adds (sign 1) or takes away (sign −1) units from a planet; the caller checked availability. */
export function changeUnits(planet: Planet, units: UnitCounts, sign: 1 | -1 = 1): void {
  const next = { ...planet.units };
  for (const [k, n] of Object.entries(units)) next[k] = (next[k] ?? 0) + sign * (n ?? 0);
  planet.units = compactCounts(next);
}

/** Total number of units in a count map. */
export function unitTotal(units: UnitCounts): number {
  return Object.values(units).reduce<number>((a, n) => a + (n ?? 0), 0);
}
