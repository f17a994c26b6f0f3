import type { CombatTechs } from './types.js';
import { UNITS, UNIT_STATS, rapidFire } from './units.js';
import type { UnitCounts } from './units.js';

/**
 * Per-type combat numbers of one side with its techs applied, indexed like UNITS, plus the
 * pairwise tables both engine paths share. Everything is computed once per battle.
 */

export const TYPE_COUNT = UNITS.length;

export interface SideProfile {
  attack: Float64Array;
  shield: Float64Array;
  hull: Float64Array;
}

/** Shooter side vs target side: flattened [shooter · TYPE_COUNT + target] tables. */
export interface Matchup {
  /** 1 when a shot of the shooter type is below 1% of the target type's full shield. */
  bounce: Uint8Array;
  /** Probability of another shot after a shot at the target type: 1 − 1/RF (0 without RF). */
  again: Float64Array;
}

export function sideProfile(techs: CombatTechs): SideProfile {
  const p: SideProfile = {
    attack: new Float64Array(TYPE_COUNT),
    shield: new Float64Array(TYPE_COUNT),
    hull: new Float64Array(TYPE_COUNT),
  };
  UNITS.forEach((id, i) => {
    const s = UNIT_STATS[id];
    p.attack[i] = (s.attack * (10 + techs.weapons)) / 10;
    p.shield[i] = (s.shield * (10 + techs.shielding)) / 10;
    p.hull[i] = (s.structure * (10 + techs.armour)) / 100;
  });
  return p;
}

/**
 * The 1% rule is decided on exact integers: attack·(10+w)/10 < shield·(10+s)/10 / 100
 * ⇔ 100·attack·(10+w) < shield·(10+s), so no rounding can flip it.
 */
export function matchup(shooterTechs: CombatTechs, targetTechs: CombatTechs): Matchup {
  const bounce = new Uint8Array(TYPE_COUNT * TYPE_COUNT);
  const again = new Float64Array(TYPE_COUNT * TYPE_COUNT);
  UNITS.forEach((s, si) => {
    UNITS.forEach((t, ti) => {
      const lhs = 100 * UNIT_STATS[s].attack * (10 + shooterTechs.weapons);
      const rhs = UNIT_STATS[t].shield * (10 + targetTechs.shielding);
      bounce[si * TYPE_COUNT + ti] = lhs < rhs ? 1 : 0;
      again[si * TYPE_COUNT + ti] = 1 - 1 / rapidFire(s, t);
    });
  });
  return { bounce, again };
}

/**
 * Probability that a unit left with `hull` of `maxHull` explodes after a hit: 0 at 70% or
 * more (decided as 10·hull < 7·maxHull so that exactly 70% is never "below"), else 1 − hull/maxHull.
 * A unit at 0 hull or less is simply destroyed; callers check that first.
 */
export function explodeChance(hull: number, maxHull: number): number {
  return 10 * hull < 7 * maxHull ? 1 - hull / maxHull : 0;
}

/** A UNITS-indexed count array from a record. */
export function countsToArray(units: UnitCounts): Float64Array {
  const out = new Float64Array(TYPE_COUNT);
  UNITS.forEach((id, i) => {
    out[i] = units[id] ?? 0;
  });
  return out;
}

/** A record from a UNITS-indexed array, with only the types whose `keep` entry is non-zero. */
export function arrayToCounts(values: ArrayLike<number>, keep: ArrayLike<number>): UnitCounts {
  const out: UnitCounts = {};
  UNITS.forEach((id, i) => {
    if ((keep[i] ?? 0) > 0) out[id] = values[i] ?? 0;
  });
  return out;
}

/** Everything a simulation path needs, index 0 = attacker, 1 = defender. */
export interface BattleSetup {
  profiles: readonly [SideProfile, SideProfile];
  /** [0]: attacker fires at defender; [1]: defender fires at attacker. */
  matchups: readonly [Matchup, Matchup];
  initial: readonly [Float64Array, Float64Array];
  rounds: number;
}

export interface FireTotals {
  shots: number;
  damage: number;
  absorbed: number;
  hullDamage: number;
}

export function zeroFire(): FireTotals {
  return { shots: 0, damage: 0, absorbed: 0, hullDamage: 0 };
}

/** One round as a path reports it: fire per side and, per side, counts and hull left. */
export interface PathRound {
  fire: [FireTotals, FireTotals];
  counts: [Float64Array, Float64Array];
  hull: [Float64Array, Float64Array];
}

export interface PathResult {
  rounds: PathRound[];
  final: [Float64Array, Float64Array];
}
