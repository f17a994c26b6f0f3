import { NO_TECHS, simulateBattle } from '../src/index.js';
import type { BattleInput, BattleOptions, BattleResult, CombatTechs, UnitCounts } from '../src/index.js';

/** Forces the unit-by-unit path or the grouped path. */
export const EXACT: BattleOptions = { exactUnitLimit: Number.POSITIVE_INFINITY };
export const GROUPED: BattleOptions = { exactUnitLimit: 0 };
export const PATHS: [string, BattleOptions][] = [
  ['exact', EXACT],
  ['grouped', GROUPED],
];

export interface BattleSpec {
  attackers: UnitCounts;
  defenders: UnitCounts;
  attackerTechs?: Partial<CombatTechs>;
  defenderTechs?: Partial<CombatTechs>;
  seed?: number | string;
  options?: BattleOptions;
}

/** A battle input with no techs and seed 1 unless given. */
export function battle(spec: BattleSpec): BattleInput {
  return {
    attackers: { units: spec.attackers, techs: { ...NO_TECHS, ...spec.attackerTechs } },
    defenders: { units: spec.defenders, techs: { ...NO_TECHS, ...spec.defenderTechs } },
    seed: spec.seed ?? 1,
    options: spec.options ?? {},
  };
}

export function fight(spec: BattleSpec): BattleResult {
  return simulateBattle(battle(spec));
}

/** Runs the battle for seeds 0..n−1 and collects `pick` of each result. */
export function overSeeds<T>(n: number, spec: BattleSpec, pick: (r: BattleResult) => T): T[] {
  const out: T[] = [];
  for (let seed = 0; seed < n; seed++) out.push(pick(fight({ ...spec, seed })));
  return out;
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function variance(xs: readonly number[]): number {
  const m = mean(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
}
