import { describe, expect, it } from '@jest/globals';
import { storageCapacity, storageCaps } from '../index.js';
import { buildings } from '../../test/factories.js';

// floor(2.5 · e^(20L/33)) for L = 0..50 from a 60-digit Decimal oracle, e.g.
//   L1: 2.5 · e^0.6060… = 4.5829… → 4 → 20 000;  L5: 51.758… → 51 → 255 000
const FLOORED = [
  2, 4, 8, 15, 28, 51, 94, 173, 318, 584, 1071, 1964, 3601, 6601, 12102, 22185, 40670, 74557, 136677, 250557, 459320, 842023, 1543594, 2829709,
  5187410, 9509538, 17432842, 31957808, 58584909, 107397590, 196880777, 360920950, 661638654, 1212912988, 2223506603, 4076122247, 7472328866,
  13698239475, 25111550642, 46034381042, 84390019087, 154703401245, 283601575349, 519897125035, 953073057817, 1747169218284, 3202902707490,
  5871546754770, 10763692950408, 19731953226213, 36172527395137,
];

describe('storageCapacity', () => {
  it.each([
    [0, 10_000],
    [1, 20_000],
    [5, 255_000],
    [10, 5_355_000],
    [20, 2_296_600_000],
    [30, 984_403_885_000],
  ])('level %p holds %p per resource', (level, cap) => {
    expect(storageCapacity(level)).toBe(cap);
  });

  it('matches the high-precision oracle for every level 0..50', () => {
    expect(FLOORED.map((_, level) => storageCapacity(level))).toEqual(FLOORED.map((f) => 5000 * f));
  });

  it('rejects bad levels', () => {
    expect(() => storageCapacity(-1)).toThrow(RangeError);
    expect(() => storageCapacity(2.5)).toThrow(RangeError);
  });
});

describe('storageCaps', () => {
  it('reads metal storage, crystal storage and deuterium tank', () => {
    expect(storageCaps(buildings({ metalStorage: 1, crystalStorage: 5, deuteriumTank: 0 }))).toEqual({
      metal: 20_000,
      crystal: 255_000,
      deuterium: 10_000,
    });
  });
});
