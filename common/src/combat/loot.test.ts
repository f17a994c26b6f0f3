import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { computeLoot } from '../index.js';

describe('computeLoot', () => {
  it.each([
    // stock (M/C/D), capacity → loot. Half of each is lootable.
    ['plenty of everything splits a third each', [300_000, 300_000, 300_000], 30_000, [10_000, 10_000, 10_000]],
    ['capacity beyond half the stock takes half of each', [10_000, 6000, 2000], 1_000_000, [5000, 3000, 1000]],
    ['no deuterium: the rest is shared metal/crystal', [100_000, 100_000, 0], 30_000, [15_000, 15_000, 0]],
    ['only metal: the last step fills with metal', [100_000, 0, 0], 30_000, [30_000, 0, 0]],
    ['only crystal', [0, 100_000, 0], 30_000, [0, 30_000, 0]],
    ['only deuterium', [0, 0, 100_000], 30_000, [0, 0, 30_000]],
    ['odd amounts are floored', [11, 7, 3], 1000, [5, 3, 1]],
    ['no capacity, no loot', [1000, 1000, 1000], 0, [0, 0, 0]],
    ['fractional capacity is floored', [1000, 1000, 1000], 2.9, [0, 1, 1]],
  ] as [string, number[], number, number[]][])('%s', (_label, [metal, crystal, deuterium], capacity, [m, c, d]) => {
    expect(computeLoot({ metal: metal!, crystal: crystal!, deuterium: deuterium! }, capacity)).toEqual({ metal: m, crystal: c, deuterium: d });
  });

  it('takes min(capacity, half of everything), never more than half of a resource', () => {
    const amount = fc.integer({ min: 0, max: 1e12 });
    fc.assert(
      fc.property(amount, amount, amount, fc.integer({ min: 0, max: 1e12 }), (metal, crystal, deuterium, capacity) => {
        const loot = computeLoot({ metal, crystal, deuterium }, capacity);
        const avail = [metal, crystal, deuterium].map((x) => Math.floor(x / 2));
        const got = [loot.metal, loot.crystal, loot.deuterium];
        got.forEach((g, i) => {
          expect(Number.isSafeInteger(g) && g >= 0 && g <= avail[i]!).toBe(true);
        });
        expect(got[0]! + got[1]! + got[2]!).toBe(Math.min(capacity, avail[0]! + avail[1]! + avail[2]!));
      }),
    );
  });

  it('honours another share and rejects bad input', () => {
    expect(computeLoot({ metal: 1000, crystal: 1000, deuterium: 1000 }, 1e9, 0.75)).toEqual({ metal: 750, crystal: 750, deuterium: 750 });
    expect(() => computeLoot({ metal: -1, crystal: 0, deuterium: 0 }, 10)).toThrow(RangeError);
    expect(() => computeLoot({ metal: 0, crystal: 0, deuterium: 0 }, Number.NaN)).toThrow(RangeError);
    expect(() => computeLoot({ metal: 0, crystal: 0, deuterium: 0 }, 10, 2)).toThrow(RangeError);
  });
});
