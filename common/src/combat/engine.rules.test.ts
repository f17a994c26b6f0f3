import { describe, expect, it } from '@jest/globals';
import { moonChance, simulateBattle } from '../index.js';
import { EXACT, GROUPED, PATHS, battle, fight, mean, overSeeds } from '../../test/combat-factories.js';

// Hand-worked battles. Hull = structure / 10. Light fighter (LF): attack 50, shield 10, hull 400.
// Rocket launcher (RL): attack 80, shield 20, hull 200. Every case runs on both paths: the
// unit-by-unit one ('exact') and the grouped one, forced with exactUnitLimit.

/** |observed − expected| ≤ 5 standard errors of a proportion over n trials. */
function expectShare(observed: number, p: number, n: number): void {
  expect(Math.abs(observed - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / n));
}

describe.each(PATHS)('rules on the %s path', (_name, options) => {
  it('1 LF vs 1 RL, round 1: each fires once; shields absorb, hulls take the rest (any seed)', () => {
    // LF → RL: 50 − 20 shield = 30 hull → 170 (85%, no explosion check below 70%).
    // RL → LF: 80 − 10 shield = 70 hull → 330 (82.5%).
    for (let seed = 0; seed < 10; seed++) {
      const r = fight({ attackers: { lightFighter: 1 }, defenders: { rocketLauncher: 1 }, seed, options: { ...options, rounds: 1 } });
      expect(r.rounds).toEqual([
        {
          round: 1,
          attacker: { shots: 1, damage: 50, absorbed: 20, hullDamage: 30 },
          defender: { shots: 1, damage: 80, absorbed: 10, hullDamage: 70 },
          remaining: { attacker: { lightFighter: 1 }, defender: { rocketLauncher: 1 } },
          remainingHull: { attacker: { lightFighter: 330 }, defender: { rocketLauncher: 170 } },
        },
      ]);
      expect(r.winner).toBe('draw');
      expect(r.method).toBe(options === EXACT ? 'exact' : 'grouped');
    }
  });

  it('1 LF vs 1 RL, round 2: the LF at 65% explodes with probability 35%; the RL at exactly 70% never', () => {
    const n = 2000;
    const outcomes = overSeeds(
      n,
      { attackers: { lightFighter: 1 }, defenders: { rocketLauncher: 1 }, options: { ...options, rounds: 2 } },
      (r) => r.rounds[1],
    );
    for (const round of outcomes) {
      expect(round?.remaining.defender).toEqual({ rocketLauncher: 1 });
      expect(round?.remainingHull.defender).toEqual({ rocketLauncher: 140 });
      expect([0, 260]).toContain(round?.remainingHull.attacker.lightFighter);
    }
    const destroyed = outcomes.filter((round) => round?.remaining.attacker.lightFighter === 0).length;
    expectShare(destroyed / n, 0.35, n);
  });

  it('explosions only below 70% hull: 6 LF leave a heavy laser at 75%, a 7th hit may blow it up', () => {
    // Heavy laser: shield 100, hull 800. Two hits empty the shield, each further hit takes 50 hull.
    // 6 hits → 600 hull (75%): never explodes. 7 hits → 550 (68.75%): explodes with p = 31.25%.
    const six = overSeeds(
      300,
      { attackers: { lightFighter: 6 }, defenders: { heavyLaser: 1 }, options: { ...options, rounds: 1 } },
      (r) => r.rounds[0],
    );
    for (const round of six) {
      expect(round?.attacker).toEqual({ shots: 6, damage: 300, absorbed: 100, hullDamage: 200 });
      expect(round?.remainingHull.defender).toEqual({ heavyLaser: 600 });
    }
    const n = 2000;
    const seven = overSeeds(
      n,
      { attackers: { lightFighter: 7 }, defenders: { heavyLaser: 1 }, options: { ...options, rounds: 1 } },
      (r) => r.rounds[0]?.remaining.defender.heavyLaser,
    );
    expectShare(seven.filter((left) => left === 0).length / n, 0.3125, n);
  });

  it('the 1% rule: a small cargo (5) never scratches a small shield dome (shield 2000 → 1% = 20)', () => {
    const r = fight({ attackers: { smallCargo: 1 }, defenders: { smallShieldDome: 1 }, options });
    expect(r.rounds).toHaveLength(6);
    for (const round of r.rounds) {
      expect(round.attacker).toEqual({ shots: 1, damage: 5, absorbed: 5, hullDamage: 0 });
      // The dome's 1 damage is not below 1% of the cargo's shield (0.1): its shield takes it.
      expect(round.defender).toEqual({ shots: 1, damage: 1, absorbed: 1, hullDamage: 0 });
      expect(round.remainingHull).toEqual({ attacker: { smallCargo: 400 }, defender: { smallShieldDome: 2000 } });
    }
    expect(r.winner).toBe('draw');
    expect(r.attackerLosses.units).toEqual({ smallCargo: 0 });
    expect(r.defenderLosses.units).toEqual({ smallShieldDome: 0 });
    expect(r.debris).toEqual({ metal: 0, crystal: 0 });
  });

  it('the 1% rule is exact at the boundary: weapons 29 (19.5) bounces, weapons 30 (20) hits', () => {
    const spec = { attackers: { smallCargo: 130 }, defenders: { smallShieldDome: 1 }, options: { ...options, rounds: 1 } };
    const bounced = fight({ ...spec, attackerTechs: { weapons: 29 } }).rounds[0];
    expect(bounced?.attacker).toEqual({ shots: 130, damage: 2535, absorbed: 2535, hullDamage: 0 });
    expect(bounced?.remainingHull.defender).toEqual({ smallShieldDome: 2000 });
    const hits = fight({ ...spec, attackerTechs: { weapons: 30 } }).rounds[0];
    // 100 shots of 20 empty the 2000 shield, the other 30 take 600 of 2000 hull: exactly 70%, no explosion.
    expect(hits?.attacker).toEqual({ shots: 130, damage: 2600, absorbed: 2000, hullDamage: 600 });
    expect(hits?.remainingHull.defender).toEqual({ smallShieldDome: 1400 });
  });

  it.each([
    ['cruiser vs rocket launchers (RF 10): 10 shots a round on average', { cruiser: 1 }, { rocketLauncher: 500 }, 10],
    ['heavy fighter vs small cargos (RF 3): 3', { heavyFighter: 1 }, { smallCargo: 500 }, 3],
    ['light fighter vs probes (RF 5): 5', { lightFighter: 1 }, { espionageProbe: 500 }, 5],
    ['battleship vs rocket launchers (no RF): exactly 1', { battleship: 1 }, { rocketLauncher: 500 }, 1],
  ])('rapid fire, %s', (_label, attackers, defenders, expected) => {
    const n = 2000;
    const shots = overSeeds(n, { attackers, defenders, options: { ...options, rounds: 1 } }, (r) => r.rounds[0]?.attacker.shots ?? 0);
    // A chain has geometric length, mean RF, standard deviation sqrt(RF(RF − 1)).
    expect(Math.abs(mean(shots) - expected)).toBeLessThanOrEqual(5 * Math.sqrt((expected * (expected - 1)) / n) + 1e-9);
    if (expected === 1) expect(new Set(shots)).toEqual(new Set([1]));
  });

  it('debris is 30% of the metal and crystal of destroyed ships (10 LF lost → 9000 / 3000)', () => {
    for (let seed = 0; seed < 5; seed++) {
      const r = fight({ attackers: { lightFighter: 10 }, defenders: { plasmaTurret: 1000 }, seed, options: { ...options, rounds: 1 } });
      expect(r.attackerLosses).toEqual({ units: { lightFighter: 10 }, resources: { metal: 30000, crystal: 10000, deuterium: 0 } });
      expect(r.defenderLosses.units).toEqual({ plasmaTurret: 0 });
      expect(r.debris).toEqual({ metal: 9000, crystal: 3000 });
      expect(r.winner).toBe('defender');
      expect(r.moonChance).toBe(0);
    }
  });

  it('a draw after 6 rounds when both survive, or after the rounds asked for', () => {
    expect(fight({ attackers: { smallCargo: 1 }, defenders: { smallShieldDome: 1 }, options }).winner).toBe('draw');
    expect(fight({ attackers: { smallCargo: 1 }, defenders: { smallShieldDome: 1 }, options: { ...options, rounds: 3 } }).rounds).toHaveLength(3);
  });

  it.each([
    ['defender armour 10 doubles hull', {}, { armour: 10 }, 370, 20, 30],
    ['defender shielding 10 doubles shield', {}, { shielding: 10 }, 190, 40, 10],
    ['attacker weapons 10 doubles attack', { weapons: 10 }, {}, 120, 20, 80],
  ])('techs: %s', (_label, attackerTechs, defenderTechs, rlHull, absorbed, hullDamage) => {
    const r = fight({
      attackers: { lightFighter: 1 },
      defenders: { rocketLauncher: 1 },
      attackerTechs,
      defenderTechs,
      options: { ...options, rounds: 1 },
    });
    expect(r.rounds[0]?.remainingHull.defender).toEqual({ rocketLauncher: rlHull });
    expect(r.rounds[0]?.attacker.absorbed).toBe(absorbed);
    expect(r.rounds[0]?.attacker.hullDamage).toBe(hullDamage);
  });

  it('a lone probe is shot down: defender wins, the probe leaves 300 crystal of debris', () => {
    const r = fight({ attackers: { espionageProbe: 1 }, defenders: { rocketLauncher: 10 }, options });
    expect(r.rounds).toHaveLength(1);
    expect(r.rounds[0]?.attacker.shots).toBe(0);
    expect(r.winner).toBe('defender');
    expect(r.debris).toEqual({ metal: 0, crystal: 300 });
  });
});

describe('battle edges', () => {
  it('an undefended target: the attacker wins without a round', () => {
    const r = fight({ attackers: { smallCargo: 3 }, defenders: {} });
    expect(r.rounds).toEqual([]);
    expect(r.winner).toBe('attacker');
    expect(r.survivors).toEqual({ attacker: { smallCargo: 3 }, defender: {} });
    expect(r.attackerLosses.units).toEqual({ smallCargo: 0 });
  });

  it('reports only the unit types that took part', () => {
    const r = fight({ attackers: { lightFighter: 2, cruiser: 0 }, defenders: { rocketLauncher: 1 } });
    for (const round of r.rounds) {
      expect(Object.keys(round.remaining.attacker)).toEqual(['lightFighter']);
      expect(Object.keys(round.remaining.defender)).toEqual(['rocketLauncher']);
    }
  });
});

describe('defenses after the battle', () => {
  // 2000 cruisers fire ~20 000 shots at 100 RL in round 1: every RL is destroyed, no cruiser is.
  const spec = { attackers: { cruiser: 2000 }, defenders: { rocketLauncher: 100 } };

  it('leave no debris and come back with probability 70%', () => {
    const repaired = overSeeds(200, spec, (r) => {
      expect(r.winner).toBe('attacker');
      expect(r.method).toBe('grouped');
      expect(r.debris).toEqual({ metal: 0, crystal: 0 });
      const back = r.repairedDefenses.rocketLauncher ?? 0;
      expect(r.defenderLosses.units).toEqual({ rocketLauncher: 100 - back });
      expect(r.survivors.defender).toEqual({ rocketLauncher: back });
      return back;
    });
    expect(Math.abs(mean(repaired) - 70)).toBeLessThanOrEqual(5 * Math.sqrt((100 * 0.7 * 0.3) / 200));
  });

  it('follow the repair and defense-debris options', () => {
    const none = fight({ ...spec, options: { defenseRepair: 0, debrisDefenseRatio: 0.3 } });
    expect(none.repairedDefenses).toEqual({ rocketLauncher: 0 });
    expect(none.debris).toEqual({ metal: 60000, crystal: 0 });
    const all = fight({ ...spec, options: { defenseRepair: 1 } });
    expect(all.defenderLosses).toEqual({ units: { rocketLauncher: 0 }, resources: { metal: 0, crystal: 0, deuterium: 0 } });
    expect(all.survivors.defender).toEqual({ rocketLauncher: 100 });
    expect(all.winner).toBe('attacker');
  });
});

describe('moonChance', () => {
  it.each([
    [0, 0, 0.2, 0],
    [99_999, 0, 0.2, 0],
    [60_000, 40_000, 0.2, 0.01],
    [1_900_000, 0, 0.2, 0.19],
    [2_000_000, 500_000, 0.2, 0.2],
    [2_000_000, 500_000, 0.1, 0.1],
  ])('%p metal + %p crystal (cap %p) → %p', (metal, crystal, max, chance) => {
    expect(moonChance({ metal, crystal }, max)).toBe(chance);
  });
});

describe('input checks', () => {
  const ok = () => battle({ attackers: { lightFighter: 1 }, defenders: { rocketLauncher: 1 } });
  it.each([
    ['an unknown unit', () => ({ ...ok(), attackers: { ...ok().attackers, units: { deathStar: 1 } as never } })],
    ['an attacking defense', () => ({ ...ok(), attackers: { ...ok().attackers, units: { rocketLauncher: 1 } } })],
    ['a negative count', () => ({ ...ok(), defenders: { ...ok().defenders, units: { rocketLauncher: -1 } } })],
    ['a fractional count', () => ({ ...ok(), defenders: { ...ok().defenders, units: { rocketLauncher: 1.5 } } })],
    ['a negative tech', () => ({ ...ok(), attackers: { ...ok().attackers, techs: { weapons: -1, shielding: 0, armour: 0 } } })],
    ['zero rounds', () => ({ ...ok(), options: { rounds: 0 } })],
    ['a ratio above 1', () => ({ ...ok(), options: { debrisShipRatio: 1.5 } })],
    ['an unknown option', () => ({ ...ok(), options: { foo: 1 } as never })],
    ['a bad seed', () => ({ ...ok(), seed: -3 })],
  ])('rejects %s', (_label, input) => {
    expect(() => simulateBattle(input())).toThrow(RangeError);
  });

  it('uses the grouped path above exactUnitLimit', () => {
    const spec = { attackers: { lightFighter: 1 }, defenders: { rocketLauncher: 1 } };
    expect(fight({ ...spec, options: { exactUnitLimit: 2 } }).method).toBe('exact');
    expect(fight({ ...spec, options: { exactUnitLimit: 1 } }).method).toBe('grouped');
    expect(fight({ ...spec, options: GROUPED }).method).toBe('grouped');
  });
});
