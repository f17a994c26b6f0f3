import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_UNIVERSE, temperatureForPosition } from '../index.js';

describe('DEFAULT_UNIVERSE', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_UNIVERSE).toEqual({
      economySpeed: 1,
      researchSpeed: 1,
      fleetSpeed: 1,
      galaxies: 9,
      systems: 499,
      positions: 15,
      startResources: { metal: 500, crystal: 500, deuterium: 0 },
      startFields: 163,
    });
  });

  it('is frozen, so no caller can change everyone’s defaults', () => {
    expect(Object.isFrozen(DEFAULT_UNIVERSE)).toBe(true);
    expect(Object.isFrozen(DEFAULT_UNIVERSE.startResources)).toBe(true);
  });
});

describe('temperatureForPosition', () => {
  // Band's lower edge: 200 − 330 · (p − 1) / 14; Tmax = floor(edge + 40 · rnd).
  it.each([
    [1, 0, 200],
    [1, 0.999, 239],
    [1, 0.9999999999999996, 239], // 200 + 40 · r rounds to 240.0 in doubles; still in the band
    [1, 1 - 2 ** -53, 239], // the largest double below 1
    [2, 0.5, 196], // 200 − 23.571… = 176.43, + 20 = 196.43 → 196
    [3, 0.25, 162], // 200 − 47.142… = 152.86, + 10 = 162.86 → 162
    [8, 0, 35], // 200 − 165 = 35
    [8, 0.5, 55],
    [14, 0.99, -67], // 200 − 306.43 = −106.43, + 39.6 = −66.83 → −67
    [15, 0, -130],
    [15, 0.999, -91],
    [15, 1 - 2 ** -53, -91],
    [2, 1 - 2 ** -53, 216], // top of 176.43..216.43
  ])('position %p, rnd %p → Tmax %p, Tmin = Tmax − 40', (pos, rnd, max) => {
    expect(temperatureForPosition(pos, rnd)).toEqual({ min: max - 40, max });
  });

  it('follows a custom number of positions', () => {
    expect(temperatureForPosition(20, 0, 20)).toEqual({ min: -170, max: -130 });
    expect(temperatureForPosition(1, 0, 1)).toEqual({ min: 160, max: 200 });
  });

  it.each([
    [0, 0.5],
    [16, 0.5],
    [1.5, 0.5],
    [1, 1],
    [1, -0.1],
    [1, Number.NaN],
  ])('rejects position %p with rnd %p', (pos, rnd) => {
    expect(() => temperatureForPosition(pos, rnd)).toThrow(RangeError);
  });

  it('gives integers inside the band, colder further out', () => {
    // Bias towards the top of [0, 1), where `low + 40 · rnd` rounds up in doubles.
    const rnd = fc.oneof(
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      fc.integer({ min: 1, max: 2 ** 20 }).map((k) => 1 - k * 2 ** -53),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 14 }), rnd, (pos, r) => {
        const t = temperatureForPosition(pos, r);
        expect(Number.isInteger(t.max)).toBe(true);
        expect(t.min).toBe(t.max - 40);
        expect(t.max).toBeGreaterThanOrEqual(-130);
        expect(t.max).toBeLessThanOrEqual(239);
        expect(temperatureForPosition(pos + 1, r).max).toBeLessThanOrEqual(t.max);
      }),
      { numRuns: 2000 },
    );
  });
});
