import { SHIPS, SHIP_STATS, cargoCapacity } from '../combat/units.js';
import type { ShipId, UnitCounts } from '../combat/units.js';
import type { ResearchLevels } from './ids.js';
import type { UniverseSettings } from './universe.js';
import { positiveRatio } from './validate.js';

/**
 * Fleet movement (rules.md, "Fleets"): distance, speed with drive bonuses, flight time and
 * fuel. Pure functions of their inputs; the server uses them to dispatch, the client to preview.
 */

export interface Coordinates {
  galaxy: number;
  system: number;
  position: number;
}

/** The research that drives a ship, and what each level of it adds to the base speed. */
export type DriveId = 'combustion' | 'impulse' | 'hyperspaceDrive';

/** Speed bonus per level, in tenths: combustion +10%, impulse +20%, hyperspace drive +30%. */
const DRIVE_TENTHS_PER_LEVEL: Readonly<Record<DriveId, number>> = { combustion: 1, impulse: 2, hyperspaceDrive: 3 };

/** Ships that can leave a planet (a solar satellite has speed 0 and stays in orbit). */
export const FLYING_SHIPS = SHIPS.filter((s) => SHIP_STATS[s].speed > 0) as readonly Exclude<ShipId, 'solarSatellite'>[];
export type FlyingShipId = (typeof FLYING_SHIPS)[number];

/**
 * The standard OGame drive of each ship. Simplification: a ship keeps this drive at every research
 * level. OGame upgrades the small cargo to impulse (base speed 10 000) at impulse 5 and the recycler
 * at impulse 17 / hyperspace drive 15; rules.md lists one speed per ship, so those are not modelled.
 */
export const SHIP_DRIVES: Readonly<Record<FlyingShipId, DriveId>> = Object.freeze({
  smallCargo: 'combustion',
  largeCargo: 'combustion',
  lightFighter: 'combustion',
  heavyFighter: 'impulse',
  cruiser: 'impulse',
  battleship: 'hyperspaceDrive',
  colonyShip: 'impulse',
  recycler: 'combustion',
  espionageProbe: 'combustion',
});

const FLYING_SET: ReadonlySet<string> = new Set(FLYING_SHIPS);

export function isFlyingShipId(x: string): x is FlyingShipId {
  return FLYING_SET.has(x);
}

/**
 * Distance between two coordinates: other galaxy `20000·|Δg|`; same galaxy `2700 + 95·|Δs|`;
 * same system `1000 + 5·|Δp|`; the same coordinates `5`.
 */
export function fleetDistance(a: Coordinates, b: Coordinates): number {
  if (a.galaxy !== b.galaxy) return 20000 * Math.abs(a.galaxy - b.galaxy);
  if (a.system !== b.system) return 2700 + 95 * Math.abs(a.system - b.system);
  if (a.position !== b.position) return 1000 + 5 * Math.abs(a.position - b.position);
  return 5;
}

/** A ship's speed with its drive research: `base · (1 + bonus · level)`, floored (exact integers for every ship). */
export function shipSpeed(ship: FlyingShipId, research: Pick<ResearchLevels, DriveId>): number {
  const drive = SHIP_DRIVES[ship];
  const level = research[drive];
  if (!Number.isSafeInteger(level) || level < 0) throw new RangeError(`${drive} level must be a non-negative integer, got ${level}`);
  return Math.floor((SHIP_STATS[ship].speed * (10 + DRIVE_TENTHS_PER_LEVEL[drive] * level)) / 10);
}

/** The flying ship types present (count > 0) in `ships`, in SHIPS order. */
export function presentShips(ships: UnitCounts): FlyingShipId[] {
  return FLYING_SHIPS.filter((s) => (ships[s] ?? 0) > 0);
}

/** The speed of the slowest ship present; throws when no flying ship is present. */
export function slowestSpeed(ships: UnitCounts, research: Pick<ResearchLevels, DriveId>): number {
  const present = presentShips(ships);
  if (present.length === 0) throw new RangeError('a fleet needs at least one flying ship');
  return Math.min(...present.map((s) => shipSpeed(s, research)));
}

/** Speed settings a fleet may fly at, in percent (OGame's 10% steps). */
export const FLEET_SPEED_STEPS = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100] as const;

function checkPercent(speedPercent: number): void {
  if (!Number.isInteger(speedPercent) || speedPercent < 1 || speedPercent > 100) {
    throw new RangeError(`speed must be an integer percent in 1..100, got ${speedPercent}`);
  }
}

/**
 * One-way flight time in seconds: `round((3500 / s · sqrt(10 · d / v) + 10) / F)` with `s` the
 * speed setting (`speedPercent / 100`), `v` the slowest ship's speed and `F` the universe fleet
 * speed; at least 1.
 */
export function flightSeconds(distance: number, slowest: number, speedPercent: number, u: Pick<UniverseSettings, 'fleetSpeed'>): number {
  checkPercent(speedPercent);
  positiveRatio(u.fleetSpeed, 'fleetSpeed');
  if (!(distance > 0) || !(slowest > 0)) throw new RangeError('distance and speed must be positive');
  const raw = (350_000 / speedPercent) * Math.sqrt((10 * distance) / slowest) + 10;
  return Math.max(1, Math.round(raw / u.fleetSpeed));
}

/**
 * Deuterium burnt by a fleet flying `distance` in `seconds`:
 * `sv_i = 35000 / (t · F − 10) · sqrt(10 · d / v_i)` and
 * `Σ_i max(1, round(n_i · fuel_i · d / 35000 · (sv_i / 10 + 1)²))` over the ship types present.
 * `t · F − 10` is taken as at least 1 (it can only be smaller on very fast universes, where the
 * formula would divide by zero). Paid once, at launch; it covers the way back too.
 */
export function fleetFuel(
  ships: UnitCounts,
  distance: number,
  seconds: number,
  research: Pick<ResearchLevels, DriveId>,
  u: Pick<UniverseSettings, 'fleetSpeed'>,
): number {
  positiveRatio(u.fleetSpeed, 'fleetSpeed');
  const denominator = Math.max(1, seconds * u.fleetSpeed - 10);
  let total = 0;
  for (const ship of presentShips(ships)) {
    const n = ships[ship] ?? 0;
    const sv = (35_000 / denominator) * Math.sqrt((10 * distance) / shipSpeed(ship, research));
    total += Math.max(1, Math.round(((n * SHIP_STATS[ship].fuel * distance) / 35_000) * (sv / 10 + 1) ** 2));
  }
  return total;
}

export interface FlightPlan {
  distance: number;
  /** Speed of the slowest ship, after drive bonuses. */
  speed: number;
  /** One way, in seconds. */
  durationSeconds: number;
  fuel: number;
  /** Cargo capacity of the ships (fuel is not carried in the hold). */
  capacity: number;
}

/** Everything a dispatch needs to know about a flight, from its ships, ends and speed setting. */
export function planFlight(
  ships: UnitCounts,
  from: Coordinates,
  to: Coordinates,
  speedPercent: number,
  research: Pick<ResearchLevels, DriveId>,
  u: Pick<UniverseSettings, 'fleetSpeed'>,
): FlightPlan {
  const distance = fleetDistance(from, to);
  const speed = slowestSpeed(ships, research);
  const durationSeconds = flightSeconds(distance, speed, speedPercent, u);
  return { distance, speed, durationSeconds, fuel: fleetFuel(ships, distance, durationSeconds, research, u), capacity: cargoCapacity(ships) };
}
