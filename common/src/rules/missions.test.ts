import { describe, expect, it } from '@jest/globals';
import { collectDebris, espionageSections, maxPlanets, missionReturns } from '../index.js';

describe('espionage report sections', () => {
  it.each([
    [1, 0, 0, 1, ['resources']],
    [2, 0, 0, 2, ['resources', 'fleet']],
    [3, 0, 0, 3, ['resources', 'fleet', 'defense']],
    [4, 0, 0, 4, ['resources', 'fleet', 'defense']],
    [5, 0, 0, 5, ['resources', 'fleet', 'defense', 'buildings']],
    [7, 3, 3, 7, ['resources', 'fleet', 'defense', 'buildings', 'research']],
    // two levels ahead: worth 4 probes
    [1, 4, 2, 5, ['resources', 'fleet', 'defense', 'buildings']],
    [1, 3, 0, 10, ['resources', 'fleet', 'defense', 'buildings', 'research']],
    // two levels behind: costs 4 probes
    [5, 0, 2, 1, ['resources']],
    [6, 0, 2, 2, ['resources', 'fleet']],
    [1, 0, 5, -24, ['resources']],
  ])('%d probes, tech %d vs %d → effective %d', (probes, spy, target, effective, sections) => {
    expect(espionageSections(probes, spy, target)).toEqual({ effective, sections });
  });
});

describe('planets allowed by astrophysics', () => {
  it.each([
    [0, 1],
    [1, 2],
    [2, 2],
    [3, 3],
    [4, 3],
    [5, 4],
    [15, 9],
  ])('astrophysics %d → %d planets', (astro, n) => {
    expect(maxPlanets(astro)).toBe(n);
  });
  it('rejects negative levels', () => expect(() => maxPlanets(-1)).toThrow(RangeError));
});

describe('recycling', () => {
  it.each([
    [{ metal: 100, crystal: 100 }, 10, { metal: 5, crystal: 5 }],
    [{ metal: 100, crystal: 100 }, 11, { metal: 5, crystal: 6 }],
    [{ metal: 2, crystal: 100 }, 10, { metal: 2, crystal: 8 }],
    [{ metal: 100, crystal: 2 }, 10, { metal: 8, crystal: 2 }],
    [{ metal: 3, crystal: 4 }, 20_000, { metal: 3, crystal: 4 }],
    [{ metal: 0, crystal: 0 }, 20_000, { metal: 0, crystal: 0 }],
  ])('%p with capacity %d → %p', (debris, cap, out) => {
    expect(collectDebris(debris, cap)).toEqual(out);
  });
});

describe('missions', () => {
  it('only deploy stays at its target', () => {
    expect(missionReturns('deploy')).toBe(false);
    for (const m of ['transport', 'attack', 'espionage', 'recycle', 'colonize'] as const) expect(missionReturns(m)).toBe(true);
  });
});
