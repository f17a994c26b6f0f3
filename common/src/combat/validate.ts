import type { BattleInput, BattleOptions, BattleSide, CombatTechs } from './types.js';
import { isDefenseId, isUnitId } from './units.js';

/**
 * Input checks of the combat engine. The engine is called with data the server has already
 * validated, so a violation is a programming error: it throws a RangeError naming the field.
 */

export interface ResolvedOptions {
  rounds: number;
  debrisShipRatio: number;
  debrisDefenseRatio: number;
  defenseRepair: number;
  maxMoonChance: number;
  exactUnitLimit: number;
}

export const DEFAULT_BATTLE_OPTIONS: Readonly<ResolvedOptions> = Object.freeze({
  rounds: 6,
  debrisShipRatio: 0.3,
  debrisDefenseRatio: 0,
  defenseRepair: 0.7,
  maxMoonChance: 0.2,
  exactUnitLimit: 2000,
});

function count(where: string, n: unknown): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${where} must be a non-negative integer, got ${String(n)}`);
  }
}

function ratio(where: string, x: unknown): void {
  if (typeof x !== 'number' || !(x >= 0 && x <= 1)) throw new RangeError(`${where} must be in [0, 1], got ${String(x)}`);
}

function checkTechs(where: string, techs: CombatTechs): void {
  for (const k of ['weapons', 'shielding', 'armour'] as const) count(`${where}.techs.${k}`, techs[k]);
}

function checkSide(where: string, side: BattleSide, defensesAllowed: boolean): void {
  for (const [id, n] of Object.entries(side.units)) {
    if (!isUnitId(id)) throw new RangeError(`${where}.units: unknown unit "${id}"`);
    if (!defensesAllowed && isDefenseId(id)) throw new RangeError(`${where}.units: a defense (${id}) cannot attack`);
    count(`${where}.units.${id}`, n);
  }
  checkTechs(where, side.techs);
}

export function resolveOptions(options: BattleOptions = {}): ResolvedOptions {
  const o: ResolvedOptions = { ...DEFAULT_BATTLE_OPTIONS };
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined) continue;
    if (!(k in o)) throw new RangeError(`options: unknown option "${k}"`);
    (o as unknown as Record<string, unknown>)[k] = v;
  }
  count('options.rounds', o.rounds);
  if (o.rounds < 1) throw new RangeError(`options.rounds must be at least 1, got ${o.rounds}`);
  ratio('options.debrisShipRatio', o.debrisShipRatio);
  ratio('options.debrisDefenseRatio', o.debrisDefenseRatio);
  ratio('options.defenseRepair', o.defenseRepair);
  ratio('options.maxMoonChance', o.maxMoonChance);
  if (!(o.exactUnitLimit >= 0)) throw new RangeError(`options.exactUnitLimit must be ≥ 0, got ${o.exactUnitLimit}`);
  return o;
}

export function validateBattleInput(input: BattleInput): ResolvedOptions {
  checkSide('attackers', input.attackers, false);
  checkSide('defenders', input.defenders, true);
  return resolveOptions(input.options);
}
