import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { HULL_LEVELS, MID_ROUND_GROUPS, endRound, mergeByHullLevel, mergeSame, tidyMidRound } from './groups.js';
import type { Group } from './hits.js';

const MAX_HULL = 2700;
const groupArb = fc.record({
  count: fc.integer({ min: 1, max: 1e6 }),
  hull: fc.oneof(fc.constant(MAX_HULL), fc.double({ min: 1, max: MAX_HULL, noNaN: true })),
  shield: fc.constantFrom(0, 10, 50),
});

const units = (gs: Group[]) => gs.reduce((a, g) => a + g.count, 0);
const hullPoints = (gs: Group[]) => gs.reduce((a, g) => a + g.count * g.hull, 0);

describe('mergeSame', () => {
  it('adds up identical states, keeps first-seen order, drops empty groups, does not touch its input', () => {
    const input = [
      { count: 2, hull: 100, shield: 5 },
      { count: 3, hull: 90, shield: 5 },
      { count: 0, hull: 80, shield: 5 },
      { count: 4, hull: 100, shield: 5 },
      { count: 1, hull: 100, shield: 0 },
    ];
    const copy = structuredClone(input);
    expect(mergeSame(input)).toEqual([
      { count: 6, hull: 100, shield: 5 },
      { count: 3, hull: 90, shield: 5 },
      { count: 1, hull: 100, shield: 0 },
    ]);
    expect(input).toEqual(copy);
  });
});

describe('mergeByHullLevel', () => {
  it('keeps units and hull points, bounds the groups and never mixes undamaged with damaged units', () => {
    fc.assert(
      fc.property(fc.array(groupArb, { maxLength: 600 }), (groups) => {
        const merged = mergeByHullLevel(groups, MAX_HULL);
        expect(units(merged)).toBe(units(groups));
        expect(Math.abs(hullPoints(merged) - hullPoints(groups))).toBeLessThanOrEqual(1e-9 * Math.max(1, hullPoints(groups)));
        const fullStates = new Set(groups.filter((g) => g.hull === MAX_HULL).map((g) => g.shield)).size;
        expect(merged.length).toBeLessThanOrEqual(HULL_LEVELS + fullStates);
        const undamaged = groups.filter((g) => g.hull === MAX_HULL);
        expect(units(merged.filter((g) => g.hull === MAX_HULL))).toBe(units(undamaged));
        for (const g of merged) expect(g.hull > 0 && g.hull <= MAX_HULL).toBe(true);
      }),
    );
  });

  it('moves a unit by at most one band (1/64 of full hull)', () => {
    const merged = mergeByHullLevel(
      [
        { count: 1, hull: 100, shield: 0 },
        { count: 3, hull: 120, shield: 0 },
        { count: 1, hull: 140, shield: 0 },
      ],
      MAX_HULL,
    );
    // Bands are floor(h / 2700 · 64): 100 → 2.37 and 120 → 2.84 share band 2 (mean 115); 140 → 3.3.
    expect(merged).toEqual([
      { count: 1, hull: 140, shield: 0 },
      { count: 4, hull: 115, shield: 0 },
    ]);
  });
});

describe('tidyMidRound and endRound', () => {
  it('band-merges only past MID_ROUND_GROUPS states', () => {
    const many = Array.from({ length: MID_ROUND_GROUPS + 1 }, (_, i) => ({ count: 1, hull: 1 + i, shield: 0 }));
    expect(tidyMidRound(many.slice(0, MID_ROUND_GROUPS), MAX_HULL)).toHaveLength(MID_ROUND_GROUPS);
    expect(tidyMidRound(many, MAX_HULL).length).toBeLessThanOrEqual(HULL_LEVELS);
  });

  it('restores shields, forgets the dead and merges what became identical', () => {
    const state = {
      groups: [
        { count: 2, hull: 500, shield: 0 },
        { count: 3, hull: 500, shield: 7 },
      ],
      dead: 4,
      start: 9,
    };
    expect(endRound(state, MAX_HULL, 50)).toEqual({ count: 5, hull: 2500 });
    expect(state).toEqual({ groups: [{ count: 5, hull: 500, shield: 50 }], dead: 0, start: 5 });
  });
});
