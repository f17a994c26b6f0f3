import { UNIT_STATS } from '../combat/units.js';
import type { UnitId } from '../combat/units.js';
import type { Resources } from './ids.js';
import { div, floorOf, mul, ratio } from './rational.js';
import type { Requirements } from './requirements.js';
import type { UniverseSettings } from './universe.js';
import { assertLevel, positiveRatio } from './validate.js';

/** The standard OGame tech tree for ships and defenses. */
export const UNIT_REQUIREMENTS: Readonly<Record<UnitId, Requirements>> = {
  smallCargo: { buildings: { shipyard: 2 }, research: { combustion: 2 } },
  largeCargo: { buildings: { shipyard: 4 }, research: { combustion: 6 } },
  lightFighter: { buildings: { shipyard: 1 }, research: { combustion: 1 } },
  heavyFighter: { buildings: { shipyard: 3 }, research: { impulse: 2, armour: 2 } },
  cruiser: { buildings: { shipyard: 5 }, research: { ion: 2, impulse: 4 } },
  battleship: { buildings: { shipyard: 7 }, research: { hyperspaceDrive: 4 } },
  colonyShip: { buildings: { shipyard: 4 }, research: { impulse: 3 } },
  recycler: { buildings: { shipyard: 4 }, research: { combustion: 6, shielding: 2 } },
  espionageProbe: { buildings: { shipyard: 3 }, research: { combustion: 3, espionage: 2 } },
  solarSatellite: { buildings: { shipyard: 1 } },
  rocketLauncher: { buildings: { shipyard: 1 } },
  lightLaser: { buildings: { shipyard: 2 }, research: { energy: 1, laser: 3 } },
  heavyLaser: { buildings: { shipyard: 4 }, research: { energy: 3, laser: 6 } },
  gaussCannon: { buildings: { shipyard: 6 }, research: { energy: 6, weapons: 3, shielding: 1 } },
  ionCannon: { buildings: { shipyard: 4 }, research: { ion: 4 } },
  plasmaTurret: { buildings: { shipyard: 8 }, research: { plasma: 7 } },
  smallShieldDome: { buildings: { shipyard: 1 }, research: { shielding: 2 } },
  largeShieldDome: { buildings: { shipyard: 6 }, research: { shielding: 6 } },
};

/** At most this many of a unit per planet, built and queued together (OGame: one of each dome). */
export const UNIT_LIMITS: Readonly<Partial<Record<UnitId, number>>> = { smallShieldDome: 1, largeShieldDome: 1 };

/** Cost of `count` units of `unit` (paid in full when the order is placed). */
export function unitCost(unit: UnitId, count = 1): Resources {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const { cost } = UNIT_STATS[unit];
  return { metal: cost.metal * count, crystal: cost.crystal * count, deuterium: cost.deuterium * count };
}

/** Levels of the buildings that speed up the shipyard. */
export interface ShipyardFactories {
  shipyard: number;
  nanite: number;
}

/**
 * Build time of ONE unit in seconds: `3600 · (M + C) / (2500 · (1 + shipyard) · 2^N · Se)`,
 * floored, minimum 1. A batch of n units finishes them one by one, every `unitBuildSeconds`.
 */
export function unitBuildSeconds(unit: UnitId, f: ShipyardFactories, s: Pick<UniverseSettings, 'economySpeed'>): number {
  assertLevel(f.shipyard, 'shipyard level');
  assertLevel(f.nanite, 'nanite level');
  const { cost } = UNIT_STATS[unit];
  const divisor = mul(ratio(2500), ratio(1 + f.shipyard), ratio(2n ** BigInt(f.nanite)), positiveRatio(s.economySpeed, 'economySpeed'));
  return Math.max(1, floorOf(div(ratio(3600 * (cost.metal + cost.crystal)), divisor)));
}
