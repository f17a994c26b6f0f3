import type { Resources } from '../rules/ids.js';

/**
 * Ships and defenses, their base stats and the rapid-fire table, exactly as
 * /work/shared/design/rules.md lists them ("Units" table, "Combat" section).
 * The order of the lists is the order in which unit types fire inside a round and the
 * order of every per-type loop in the engine, so it is part of a battle's reproducibility.
 */

export const SHIPS = [
  'smallCargo',
  'largeCargo',
  'lightFighter',
  'heavyFighter',
  'cruiser',
  'battleship',
  'colonyShip',
  'recycler',
  'espionageProbe',
  'solarSatellite',
] as const;
export type ShipId = (typeof SHIPS)[number];

export const DEFENSES = [
  'rocketLauncher',
  'lightLaser',
  'heavyLaser',
  'gaussCannon',
  'ionCannon',
  'plasmaTurret',
  'smallShieldDome',
  'largeShieldDome',
] as const;
export type DefenseId = (typeof DEFENSES)[number];

export const UNITS = [...SHIPS, ...DEFENSES] as const;
export type UnitId = ShipId | DefenseId;

/** A count per unit type; a missing type means 0. */
export type UnitCounts = Partial<Record<UnitId, number>>;

export interface UnitStats {
  cost: Resources;
  /** Structure points; hull points are structure / 10. */
  structure: number;
  shield: number;
  attack: number;
}

export interface ShipStats extends UnitStats {
  cargo: number;
  speed: number;
  fuel: number;
}

function ship(
  m: number,
  c: number,
  d: number,
  structure: number,
  shield: number,
  attack: number,
  cargo: number,
  speed: number,
  fuel: number,
): ShipStats {
  return Object.freeze({ cost: Object.freeze({ metal: m, crystal: c, deuterium: d }), structure, shield, attack, cargo, speed, fuel });
}

function defense(m: number, c: number, d: number, structure: number, shield: number, attack: number): UnitStats {
  return Object.freeze({ cost: Object.freeze({ metal: m, crystal: c, deuterium: d }), structure, shield, attack });
}

export const SHIP_STATS: Readonly<Record<ShipId, ShipStats>> = Object.freeze({
  smallCargo: ship(2000, 2000, 0, 4000, 10, 5, 5000, 5000, 10),
  largeCargo: ship(6000, 6000, 0, 12000, 25, 5, 25000, 7500, 50),
  lightFighter: ship(3000, 1000, 0, 4000, 10, 50, 50, 12500, 20),
  heavyFighter: ship(6000, 4000, 0, 10000, 25, 150, 100, 10000, 75),
  cruiser: ship(20000, 7000, 2000, 27000, 50, 400, 800, 15000, 300),
  battleship: ship(45000, 15000, 0, 60000, 200, 1000, 1500, 10000, 500),
  colonyShip: ship(10000, 20000, 10000, 30000, 100, 50, 7500, 2500, 1000),
  recycler: ship(10000, 6000, 2000, 16000, 10, 1, 20000, 2000, 300),
  espionageProbe: ship(0, 1000, 0, 1000, 0, 0, 0, 100_000_000, 1),
  solarSatellite: ship(0, 2000, 500, 2000, 1, 0, 0, 0, 0),
});

export const DEFENSE_STATS: Readonly<Record<DefenseId, UnitStats>> = Object.freeze({
  rocketLauncher: defense(2000, 0, 0, 2000, 20, 80),
  lightLaser: defense(1500, 500, 0, 2000, 25, 100),
  heavyLaser: defense(6000, 2000, 0, 8000, 100, 250),
  gaussCannon: defense(20000, 15000, 2000, 35000, 200, 1100),
  ionCannon: defense(2000, 6000, 0, 8000, 500, 150),
  plasmaTurret: defense(50000, 50000, 30000, 100000, 300, 3000),
  smallShieldDome: defense(10000, 10000, 0, 20000, 2000, 1),
  largeShieldDome: defense(50000, 50000, 0, 100000, 10000, 1),
});

export const UNIT_STATS: Readonly<Record<UnitId, UnitStats>> = Object.freeze({ ...SHIP_STATS, ...DEFENSE_STATS });

/**
 * Rapid fire, shooter → target → RF: after a shot at a unit of the target type the shooter
 * fires again with probability 1 − 1/RF. Types not listed have RF 1 (no extra shot).
 *
 * "Every ship → espionageProbe 5, → solarSatellite 5" covers the ships that can fire. The
 * espionage probe and the solar satellite are ships too, but they have attack 0 and never
 * fire, so, as in OGame, they carry no rapid fire at all (an entry would be dead data).
 * Defenses have no rapid fire.
 */
const VS_PROBES_AND_SATELLITES = { espionageProbe: 5, solarSatellite: 5 } as const;

export const RAPID_FIRE: Readonly<Partial<Record<UnitId, Readonly<UnitCounts>>>> = Object.freeze({
  smallCargo: VS_PROBES_AND_SATELLITES,
  largeCargo: VS_PROBES_AND_SATELLITES,
  lightFighter: VS_PROBES_AND_SATELLITES,
  heavyFighter: { ...VS_PROBES_AND_SATELLITES, smallCargo: 3 },
  cruiser: { ...VS_PROBES_AND_SATELLITES, lightFighter: 6, rocketLauncher: 10 },
  battleship: VS_PROBES_AND_SATELLITES,
  colonyShip: VS_PROBES_AND_SATELLITES,
  recycler: VS_PROBES_AND_SATELLITES,
});

/** RF of `shooter` against `target` (1 = no rapid fire). */
export function rapidFire(shooter: UnitId, target: UnitId): number {
  return RAPID_FIRE[shooter]?.[target] ?? 1;
}

const SHIP_SET: ReadonlySet<string> = new Set(SHIPS);
const DEFENSE_SET: ReadonlySet<string> = new Set(DEFENSES);

export function isShipId(x: string): x is ShipId {
  return SHIP_SET.has(x);
}

export function isDefenseId(x: string): x is DefenseId {
  return DEFENSE_SET.has(x);
}

export function isUnitId(x: string): x is UnitId {
  return SHIP_SET.has(x) || DEFENSE_SET.has(x);
}

/** Metal/crystal/deuterium value of the given units. */
export function unitsCost(units: UnitCounts): Resources {
  const out = { metal: 0, crystal: 0, deuterium: 0 };
  for (const id of UNITS) {
    const n = units[id] ?? 0;
    if (n === 0) continue;
    const { cost } = UNIT_STATS[id];
    out.metal += n * cost.metal;
    out.crystal += n * cost.crystal;
    out.deuterium += n * cost.deuterium;
  }
  return out;
}

/** Total cargo capacity of the given units (defenses carry nothing). */
export function cargoCapacity(units: UnitCounts): number {
  let cap = 0;
  for (const id of SHIPS) cap += (units[id] ?? 0) * SHIP_STATS[id].cargo;
  return cap;
}
