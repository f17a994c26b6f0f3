import type { Resources } from '../rules/ids.js';
import type { Seed } from './rng.js';
import type { UnitCounts } from './units.js';

/** Combat research levels; each level adds 10% to attack, shield and hull respectively. */
export interface CombatTechs {
  weapons: number;
  shielding: number;
  armour: number;
}

export const NO_TECHS: Readonly<CombatTechs> = Object.freeze({ weapons: 0, shielding: 0, armour: 0 });

export interface BattleSide {
  units: UnitCounts;
  techs: CombatTechs;
}

export interface BattleOptions {
  /** Maximum number of rounds (default 6). */
  rounds?: number;
  /** Share of destroyed ships' metal and crystal that becomes debris (default 0.3). */
  debrisShipRatio?: number;
  /** Share of (unrepaired) destroyed defenses' metal and crystal that becomes debris (default 0). */
  debrisDefenseRatio?: number;
  /** Probability that a destroyed defense unit is repaired after the battle (default 0.7). */
  defenseRepair?: number;
  /** Cap of the moon chance (default 0.2). */
  maxMoonChance?: number;
  /**
   * Battles with at most this many units in total (both sides, at the start) are simulated
   * unit by unit; larger ones with the grouped engine (default 2000). Part of the replay input.
   */
  exactUnitLimit?: number;
}

export interface BattleInput {
  attackers: BattleSide;
  defenders: BattleSide;
  seed: Seed;
  options?: BattleOptions;
}

/** What one side's fire did in one round. */
export interface FireSummary {
  /** Shots fired, rapid-fire shots included. */
  shots: number;
  /** Total strength of those shots (shots × attack). */
  damage: number;
  /** Damage taken by shields, including whole shots bounced by the 1% rule. */
  absorbed: number;
  /** Hull points removed (never more than a unit had left). */
  hullDamage: number;
}

export interface RoundSummary {
  /** 1-based round number. */
  round: number;
  /** Fire of the attacking side (against the defender) and of the defending side. */
  attacker: FireSummary;
  defender: FireSummary;
  /** Units left at the end of the round, per type present at the start of the battle. */
  remaining: { attacker: UnitCounts; defender: UnitCounts };
  /** Hull points left at the end of the round, summed per type. */
  remainingHull: { attacker: UnitCounts; defender: UnitCounts };
}

export interface Losses {
  units: UnitCounts;
  /** Cost value of the lost units. */
  resources: Resources;
}

export type BattleWinner = 'attacker' | 'defender' | 'draw';

export interface BattleResult {
  /** 'exact' = unit by unit, 'grouped' = the grouped engine (see engine docs). */
  method: 'exact' | 'grouped';
  rounds: RoundSummary[];
  winner: BattleWinner;
  attackerLosses: Losses;
  /** The defender's losses after repair: destroyed − repaired. */
  defenderLosses: Losses;
  /** Destroyed defenses that were rebuilt after the battle (already back in the survivors). */
  repairedDefenses: UnitCounts;
  debris: { metal: number; crystal: number };
  /** Probability of a moon: 1% per full 100 000 debris, capped by maxMoonChance. */
  moonChance: number;
  /** Units left after the battle; the defender's include repaired defenses. */
  survivors: { attacker: UnitCounts; defender: UnitCounts };
}
