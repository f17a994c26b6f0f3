import { describe, expect, it } from '@jest/globals';
import {
  WHEEL_COST,
  WHEEL_DRAW_SCALE,
  WHEEL_MULTIPLIER,
  WHEEL_ODDS,
  WHEEL_OUTCOMES,
  outcomeFromDraw,
  outcomeFromHmacHex,
  wheelDraw,
  wheelMessage,
} from '../index.js';
import type { WheelOutcome } from '../index.js';

describe('wheel numbers', () => {
  it('costs 1000 metal, 500 crystal and 200 deuterium', () => {
    expect(WHEEL_COST).toEqual({ metal: 1000, crystal: 500, deuterium: 200 });
  });

  it('lists every outcome once, with odds summing to exactly 1 in tenths', () => {
    expect(WHEEL_ODDS.map((o) => o.outcome)).toEqual([...WHEEL_OUTCOMES]);
    expect(WHEEL_ODDS.map((o) => Math.round(o.probability * 10))).toEqual([2, 2, 2, 4]);
    expect(WHEEL_ODDS.map((o) => o.below)).toEqual([0.2, 0.4, 0.6, 1]);
  });

  it.each([
    ['x2', 2],
    ['x1.5', 1.5],
    ['x1.2', 1.2],
    ['none', 1],
  ] as [WheelOutcome, number][])('%s multiplies production by %p', (outcome, m) => {
    expect(WHEEL_MULTIPLIER[outcome]).toBe(m);
    expect(WHEEL_ODDS.find((o) => o.outcome === outcome)?.multiplier).toBe(m);
  });
});

describe('wheelMessage', () => {
  it.each([
    ['lucky', 0, 'lucky:0'],
    ['my seed', 41, 'my seed:41'],
    ['a:b', 7, 'a:b:7'],
  ] as [string, number, string][])('(%p, %p) → %p', (seed, nonce, msg) => {
    expect(wheelMessage(seed, nonce)).toBe(msg);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 53])('rejects nonce %p', (nonce) => {
    expect(() => wheelMessage('x', nonce)).toThrow(RangeError);
  });
});

// n = first 13 hex digits; u = n / 2^52. 0x3333333333333 = (2^52 − 1) / 5, so it sits just below 0.2,
// and its successor just above; likewise 0x6666666666666 = 2(2^52 − 1)/5 and 0x9999999999999 = 3(2^52 − 1)/5.
describe('outcomeFromHmacHex', () => {
  it.each([
    ['0000000000000', 0, 'x2'],
    ['3333333333333', 900_719_925_474_099, 'x2'],
    ['3333333333334', 900_719_925_474_100, 'x1.5'],
    ['6666666666666', 1_801_439_850_948_198, 'x1.5'],
    ['6666666666667', 1_801_439_850_948_199, 'x1.2'],
    ['9999999999999', 2_702_159_776_422_297, 'x1.2'],
    ['999999999999a', 2_702_159_776_422_298, 'none'],
    ['ccccccccccccc', 3_602_879_701_896_396, 'none'],
    ['fffffffffffff', 4_503_599_627_370_495, 'none'],
  ] as [string, number, WheelOutcome][])('%s (n = %p) → %s', (hex, n, outcome) => {
    expect(wheelDraw(hex)).toBe(n / WHEEL_DRAW_SCALE);
    expect(outcomeFromHmacHex(hex)).toBe(outcome);
    // The float bounds agree with exact integer bounds: u < k/5 ⇔ 5n < k · 2^52.
    const k = [1, 2, 3].find((j) => 5 * n < j * 2 ** 52);
    expect(k === undefined ? 'none' : (['x2', 'x1.5', 'x1.2'] as const)[k - 1]).toBe(outcome);
  });

  it('reads only the first 13 digits of a full 64-digit digest, in either case', () => {
    const tail = 'f'.repeat(51);
    expect(outcomeFromHmacHex(`3333333333333${tail}`)).toBe('x2');
    expect(outcomeFromHmacHex(`999999999999A${'0'.repeat(51)}`)).toBe('none');
    expect(wheelDraw(`b4e782ac59e01${'2'.repeat(51)}`)).toBe(0xb4e782ac59e01 / 2 ** 52);
  });

  it.each(['', '333333333333', 'g333333333333', ' 3333333333333'])('rejects %p', (hex) => {
    expect(() => outcomeFromHmacHex(hex)).toThrow(RangeError);
  });
});

describe('outcomeFromDraw', () => {
  it.each([
    [0, 'x2'],
    [0.19999999999999998, 'x2'],
    [0.2, 'x1.5'],
    [0.39999999999999997, 'x1.5'],
    [0.4, 'x1.2'],
    [0.6, 'none'],
    [0.9999999999999999, 'none'],
  ] as [number, WheelOutcome][])('u = %p → %s', (u, outcome) => {
    expect(outcomeFromDraw(u)).toBe(outcome);
  });

  it.each([-0.1, 1, Number.NaN])('rejects u = %p', (u) => {
    expect(() => outcomeFromDraw(u)).toThrow(RangeError);
  });
});
