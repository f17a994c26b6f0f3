import type { UnitCounts } from './units.js';
import { DEFENSES, SHIPS, UNIT_STATS } from './units.js';

/**
 * Debris and moon chance, as integers where the rules count resources.
 *
 * Rounding: a ratio is taken in millionths (round(ratio · 10⁶)); the ship share of a resource
 * is floor(metal (crystal) of all destroyed ships of both sides · millionths / 10⁶), in exact
 * integer (BigInt) arithmetic, and the defense share likewise; the debris is their sum. With
 * the defaults (30% ships, 0% defenses) that is exactly floor(3 · ships' total / 10).
 */

export interface Debris {
  metal: number;
  crystal: number;
}

function share(total: number, ratio: number): number {
  const ppm = BigInt(Math.round(ratio * 1_000_000));
  return Number((BigInt(total) * ppm) / 1_000_000n);
}

function sumCost(units: readonly UnitCounts[], ids: readonly (keyof typeof UNIT_STATS)[]): Debris {
  let metal = 0;
  let crystal = 0;
  for (const u of units) {
    for (const id of ids) {
      const n = u[id] ?? 0;
      metal += n * UNIT_STATS[id].cost.metal;
      crystal += n * UNIT_STATS[id].cost.crystal;
    }
  }
  return { metal, crystal };
}

/**
 * Debris of a battle: `shipRatio` of the metal and crystal of the destroyed ships and
 * `defenseRatio` of the destroyed (not repaired) defenses, of every side given.
 */
export function battleDebris(destroyed: readonly UnitCounts[], shipRatio: number, defenseRatio: number): Debris {
  const ships = sumCost(destroyed, SHIPS);
  const defenses = sumCost(destroyed, DEFENSES);
  return {
    metal: share(ships.metal, shipRatio) + share(defenses.metal, defenseRatio),
    crystal: share(ships.crystal, shipRatio) + share(defenses.crystal, defenseRatio),
  };
}

/** 1% per full 100 000 units of debris (metal + crystal), at most `max`. */
export function moonChance(debris: Debris, max: number): number {
  const percent = Math.floor((debris.metal + debris.crystal) / 100_000);
  return Math.min(max, percent / 100);
}
