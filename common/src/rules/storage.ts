import type { BuildingLevels, Resources } from './ids.js';
import { assertLevel } from './validate.js';

/**
 * Storage capacity per resource: `5000 · floor(2.5 · e^(20·L/33))`; 10 000 at level 0.
 * Floats are exact enough here: for levels 0..50 the value `2.5 · e^(20L/33)` stays at
 * least 16 ulps away from an integer, so the floor matches a high-precision oracle
 * (tested for every level 0..50). Beyond level 50 (caps above 10^17) the float result
 * may be one 5000-step off, which no game reaches.
 */
export function storageCapacity(level: number): number {
  assertLevel(level);
  return 5000 * Math.floor(2.5 * Math.exp((20 * level) / 33));
}

/** Capacity per resource from the planet's metal storage, crystal storage and tank. */
export function storageCaps(b: BuildingLevels): Resources {
  return {
    metal: storageCapacity(b.metalStorage),
    crystal: storageCapacity(b.crystalStorage),
    deuterium: storageCapacity(b.deuteriumTank),
  };
}
