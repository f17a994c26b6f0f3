import { describe, expect, it } from '@jest/globals';
import { addResources, hasResources, subtractResources, totalResources, zeroResources } from '../index.js';

const r = (metal: number, crystal: number, deuterium: number) => ({ metal, crystal, deuterium });

describe('resource helpers', () => {
  it('adds, subtracts and totals', () => {
    expect(zeroResources()).toEqual(r(0, 0, 0));
    expect(addResources(r(1, 2, 3), r(10, 20, 30))).toEqual(r(11, 22, 33));
    expect(subtractResources(r(10, 20, 30), r(1, 2, 3))).toEqual(r(9, 18, 27));
    expect(totalResources(r(1000, 500, 200))).toBe(1700);
  });

  it.each([
    [r(60, 15, 0), r(60, 15, 0), true],
    [r(500, 500, 0), r(60, 15, 0), true],
    [r(59, 15, 0), r(60, 15, 0), false],
    [r(900, 360, 179), r(900, 360, 180), false],
  ])('%p covers %p: %p', (have, cost, ok) => {
    expect(hasResources(have, cost)).toBe(ok);
  });
});
