import type { Resources } from './ids.js';

/** Server-wide settings; passed into every rule that depends on them. */
export interface UniverseSettings {
  economySpeed: number;
  researchSpeed: number;
  fleetSpeed: number;
  galaxies: number;
  systems: number;
  positions: number;
  startResources: Resources;
  startFields: number;
}

export const DEFAULT_UNIVERSE: UniverseSettings = Object.freeze({
  economySpeed: 1,
  researchSpeed: 1,
  fleetSpeed: 1,
  galaxies: 9,
  systems: 499,
  positions: 15,
  startResources: Object.freeze({ metal: 500, crystal: 500, deuterium: 0 }),
  startFields: 163,
});

/** Lowest `Tmax` of the band at the innermost and outermost positions. */
const HOT_TMAX = 200;
const COLD_TMAX = -130;
/** Width of the `Tmax` band at one position, and `Tmax − Tmin`. */
const BAND = 40;

/**
 * Planet temperatures for a position, hotter near the star. The lower edge of the
 * `Tmax` band falls linearly from 200 °C (position 1) to −130 °C (last position);
 * `rnd01` in [0, 1) picks an integer `Tmax` inside the 40° band
 * (position 1: 200..239, position 15: −130..−91), and `min = max − 40`.
 * `positions` defaults to the standard 15 so the spread can follow a custom universe.
 */
export function temperatureForPosition(
  position: number,
  rnd01: number,
  positions: number = DEFAULT_UNIVERSE.positions,
): { min: number; max: number } {
  if (!Number.isInteger(positions) || positions < 1) {
    throw new RangeError(`positions must be a positive integer, got ${positions}`);
  }
  if (!Number.isInteger(position) || position < 1 || position > positions) {
    throw new RangeError(`position must be an integer in 1..${positions}, got ${position}`);
  }
  if (!(rnd01 >= 0 && rnd01 < 1)) throw new RangeError(`rnd01 must be in [0, 1), got ${rnd01}`);
  const t = positions === 1 ? 0 : (position - 1) / (positions - 1);
  const low = HOT_TMAX + (COLD_TMAX - HOT_TMAX) * t;
  // `low + rnd01 · 40` can round up to `low + 40` in doubles (rnd01 = 0.9999999999999996
  // at position 1 gives exactly 240.0), so clamp to the top integer of the band.
  const max = Math.min(Math.floor(low + rnd01 * BAND), Math.ceil(low + BAND) - 1);
  return { min: max - BAND, max };
}
