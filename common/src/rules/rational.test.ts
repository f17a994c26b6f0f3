import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ceilOf, compare, div, floorOf, fromNumber, mul, pow, ratio, roundOf, sub } from './rational.js';

describe('rational', () => {
  it.each([
    [1.2, 12n, 10n],
    [1.5, 15n, 10n],
    [-0.004, -4n, 1000n],
    [3, 3n, 1n],
    [0, 0n, 1n],
    [1e-7, 1n, 10_000_000n],
    [1.5e21, 1_500_000_000_000_000_000_000n, 1n],
  ])('fromNumber(%p) = %p/%p (the decimal written, not the binary double)', (x, n, d) => {
    expect(fromNumber(x)).toEqual({ n, d });
  });

  it('fromNumber rejects non-finite numbers', () => {
    expect(() => fromNumber(Number.NaN)).toThrow(RangeError);
    expect(() => fromNumber(Infinity)).toThrow(RangeError);
  });

  it.each([
    // [n, d, floor, ceil, round]
    [7, 2, 3, 4, 4],
    [-7, 2, -4, -3, -3],
    [6, 3, 2, 2, 2],
    [-6, 3, -2, -2, -2],
    [1, 3, 0, 1, 0],
    [-1, 3, -1, 0, 0],
    [5, 4, 1, 2, 1],
  ])('%p/%p: floor %p, ceil %p, round %p', (n, d, f, c, r) => {
    const x = ratio(n, d);
    expect(floorOf(x)).toBe(f);
    expect(ceilOf(x)).toBe(c);
    expect(roundOf(x)).toBe(r);
  });

  it('keeps exact values where floats drift', () => {
    // 1.1^3 · 1000 = 1331 exactly; as doubles 1000 * 1.1 ** 3 = 1331.0000000000005
    expect(floorOf(mul(pow(ratio(11, 10), 3), ratio(1000)))).toBe(1331);
    expect(ceilOf(mul(pow(ratio(11, 10), 3), ratio(1000)))).toBe(1331);
    expect(compare(sub(ratio(3, 10), ratio(1, 10)), ratio(2, 10))).toBe(0);
    expect(div(ratio(1, 2), ratio(-1, 4))).toEqual({ n: -4n, d: 2n });
    expect(() => ratio(1, 0)).toThrow(RangeError);
    expect(() => pow(ratio(2), -1)).toThrow(RangeError);
  });

  it('floor ≤ x ≤ ceil, and they differ by at most 1', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 1_000_000 }), (n, d) => {
        const x = ratio(n, d);
        const f = floorOf(x);
        const c = ceilOf(x);
        expect(f).toBe(Math.floor(n / d));
        expect(c - f).toBe(n % d === 0 ? 0 : 1);
      }),
    );
  });
});
