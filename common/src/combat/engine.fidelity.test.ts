import { describe, expect, it } from '@jest/globals';
import type { BattleResult, UnitCounts } from '../index.js';
import { EXACT, GROUPED, mean, overSeeds, variance } from '../../test/combat-factories.js';
import type { BattleSpec } from '../../test/combat-factories.js';

// The grouped engine against the unit-by-unit reference: the same battles over many seeds must
// give the same average outcome. Tolerance: 5 standard errors of the difference of the means.

type Pick = (r: BattleResult) => number;

function compare(spec: BattleSpec, seeds: number, picks: Record<string, Pick>): void {
  const exact = overSeeds(seeds, { ...spec, options: { ...spec.options, ...EXACT } }, (r) => r);
  const grouped = overSeeds(seeds, { ...spec, options: { ...spec.options, ...GROUPED } }, (r) => r);
  expect(exact.every((r) => r.method === 'exact') && grouped.every((r) => r.method === 'grouped')).toBe(true);
  for (const [name, pick] of Object.entries(picks)) {
    const a = exact.map(pick);
    const b = grouped.map(pick);
    const se = Math.sqrt(variance(a) / a.length + variance(b) / b.length);
    const gap = Math.abs(mean(a) - mean(b));
    expect({ name, within: gap <= 5 * se + 1e-9 }).toEqual({ name, within: true });
  }
}

function left(side: 'attacker' | 'defender', units: UnitCounts): Record<string, Pick> {
  return Object.fromEntries(
    Object.keys(units).map((id) => [`${side} ${id} left`, (r: BattleResult) => r.rounds.at(-1)?.remaining[side][id as keyof UnitCounts] ?? 0]),
  );
}

describe('grouped engine vs the unit-by-unit reference', () => {
  it('a mixed six-round battle: same average survivors, rounds and first-round fire', () => {
    const attackers = { lightFighter: 300, heavyFighter: 100, cruiser: 50, battleship: 20 };
    const defenders = { rocketLauncher: 400, lightLaser: 200, heavyLaser: 50, gaussCannon: 10, smallShieldDome: 1 };
    compare({ attackers, defenders }, 150, {
      ...left('attacker', attackers),
      ...left('defender', defenders),
      rounds: (r) => r.rounds.length,
      'attacker shots in round 1': (r) => r.rounds[0]?.attacker.shots ?? 0,
      'defender hull damage in round 1': (r) => r.rounds[0]?.defender.hullDamage ?? 0,
      'attacker absorbed in round 2': (r) => r.rounds[1]?.attacker.absorbed ?? 0,
    });
  });

  it('a large volley (70 000 LF on 10 000 heavy lasers, walked by level): same average losses', () => {
    const attackers = { lightFighter: 70_000 };
    const defenders = { heavyLaser: 10_000 };
    compare({ attackers, defenders, options: { rounds: 2 } }, 16, {
      ...left('attacker', attackers),
      ...left('defender', defenders),
      'heavy lasers left after round 1': (r) => r.rounds[0]?.remaining.defender.heavyLaser ?? 0,
      'hull damage to the lasers in round 1': (r) => r.rounds[0]?.attacker.hullDamage ?? 0,
    });
  });

  it('techs and rapid fire against mixed targets: same average outcome', () => {
    const attackers = { cruiser: 400, heavyFighter: 300 };
    const defenders = { lightFighter: 500, smallCargo: 300, rocketLauncher: 300, espionageProbe: 50 };
    compare({ attackers, defenders, attackerTechs: { weapons: 3, armour: 2 }, defenderTechs: { shielding: 5, armour: 4 } }, 100, {
      ...left('attacker', attackers),
      ...left('defender', defenders),
      'attacker shots in round 1': (r) => r.rounds[0]?.attacker.shots ?? 0,
    });
  });
});
