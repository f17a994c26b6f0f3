import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFENSES, SHIPS, UNIT_STATS, isDefenseId, simulateBattle, unitsCost } from '../index.js';
import type { BattleInput, BattleResult, UnitCounts, UnitId } from '../index.js';
import { EXACT, GROUPED, battle } from '../../test/combat-factories.js';

const countsOf = (ids: readonly UnitId[], max: number) =>
  fc.dictionary(fc.constantFrom(...ids), fc.integer({ min: 0, max }), { maxKeys: 4 }) as fc.Arbitrary<UnitCounts>;
const FIRING_SHIPS = SHIPS.filter((s) => s !== 'solarSatellite');
const techs = fc.record({ weapons: fc.nat({ max: 12 }), shielding: fc.nat({ max: 12 }), armour: fc.nat({ max: 12 }) });

function battles(max: number): fc.Arbitrary<BattleInput> {
  return fc
    .record({
      attackers: countsOf(FIRING_SHIPS, max),
      defenders: countsOf([...SHIPS, ...DEFENSES], max),
      attackerTechs: techs,
      defenderTechs: techs,
      seed: fc.oneof(fc.nat(), fc.string()),
    })
    .map((spec) => battle(spec));
}

const isCount = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** Every invariant a result must satisfy, whatever the path. */
function checkInvariants(input: BattleInput, r: BattleResult): void {
  const sides = [
    ['attacker', input.attackers.units, r.attackerLosses, r.survivors.attacker],
    ['defender', input.defenders.units, r.defenderLosses, r.survivors.defender],
  ] as const;
  const last = r.rounds.at(-1);
  for (const [side, initial, losses, survivors] of sides) {
    for (const [id, n] of Object.entries(initial) as [UnitId, number][]) {
      if (n === 0) continue;
      const lost = losses.units[id];
      const left = survivors[id];
      expect([side, id, isCount(lost), isCount(left)]).toEqual([side, id, true, true]);
      expect((lost ?? 0) + (left ?? 0)).toBe(n);
      // Counts never grow from round to round.
      let before = n;
      for (const round of r.rounds) {
        const now = round.remaining[side][id] ?? -1;
        expect(isCount(now) && now <= before).toBe(true);
        const hull = round.remainingHull[side][id] ?? -1;
        const maxHull = (UNIT_STATS[id].structure * (10 + input[side === 'attacker' ? 'attackers' : 'defenders'].techs.armour)) / 100;
        expect(hull >= 0 && hull <= now * maxHull * (1 + 1e-12)).toBe(true);
        before = now;
      }
      const repaired = side === 'defender' ? (r.repairedDefenses[id] ?? 0) : 0;
      if (!isDefenseId(id)) expect(r.repairedDefenses[id]).toBeUndefined();
      expect(left).toBe((last?.remaining[side][id] ?? n) + repaired);
    }
    expect(losses.resources).toEqual(unitsCost(losses.units));
  }
  for (const round of r.rounds) {
    for (const f of [round.attacker, round.defender]) {
      expect(isCount(f.shots)).toBe(true);
      expect(f.absorbed >= 0 && f.hullDamage >= 0).toBe(true);
      expect(f.absorbed + f.hullDamage).toBeLessThanOrEqual(f.damage * (1 + 1e-12));
    }
  }
  // Debris: exactly floor(30% of the metal / crystal of the ships destroyed on both sides).
  let metal = 0;
  let crystal = 0;
  for (const id of SHIPS) {
    const lost = (r.attackerLosses.units[id] ?? 0) + (r.defenderLosses.units[id] ?? 0);
    metal += lost * UNIT_STATS[id].cost.metal;
    crystal += lost * UNIT_STATS[id].cost.crystal;
  }
  expect(r.debris).toEqual({ metal: Math.floor((metal * 3) / 10), crystal: Math.floor((crystal * 3) / 10) });
  expect(r.moonChance).toBe(Math.min(0.2, Math.floor((r.debris.metal + r.debris.crystal) / 100_000) / 100));
  // Rounds and winner.
  expect(r.rounds.length).toBeLessThanOrEqual(6);
  const alive = (counts: UnitCounts) => Object.values(counts).some((n) => (n ?? 0) > 0);
  const a = last === undefined ? alive(input.attackers.units) : alive(last.remaining.attacker);
  const d = last === undefined ? alive(input.defenders.units) : alive(last.remaining.defender);
  if (r.rounds.length < 6) expect(a && d).toBe(false);
  expect(r.winner).toBe(a && !d ? 'attacker' : d && !a ? 'defender' : 'draw');
}

describe.each([
  ['exact', EXACT, 40],
  ['grouped', GROUPED, 40],
  ['grouped, large', GROUPED, 300_000],
] as const)('battle invariants on the %s path', (_name, options, max) => {
  const inputs = battles(max).map((b) => ({ ...b, options }));

  it('keep counts whole and non-negative, losses + survivors = fleet, debris = 30% of ships lost', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        checkInvariants(input, simulateBattle(input));
      }),
      { numRuns: max > 1000 ? 40 : 150 },
    );
  });

  it('replay: the same input and seed give a deep-equal result, and the input is untouched', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const copy = structuredClone(input);
        const first = simulateBattle(input);
        expect(simulateBattle(copy)).toEqual(first);
        expect(copy).toEqual(input);
      }),
      { numRuns: max > 1000 ? 20 : 60 },
    );
  });
});

describe('seeds', () => {
  it.each([
    ['exact', EXACT],
    ['grouped', GROUPED],
  ])('different seeds give different battles on the %s path', (_name, options) => {
    const spec = { attackers: { lightFighter: 300, cruiser: 20 }, defenders: { rocketLauncher: 200, lightLaser: 100 }, options };
    const results = new Set<string>();
    for (let seed = 0; seed < 10; seed++) results.add(JSON.stringify(simulateBattle(battle({ ...spec, seed })).rounds));
    expect(results.size).toBe(10);
  });
});
