import { describe, expect, it } from '@jest/globals';
import { BUILDINGS, RESEARCH, RESOURCES, isBuildingId, isResearchId, isResourceId, zeroBuildings, zeroResearch } from '../index.js';

describe('ids', () => {
  it('lists 13 buildings, 14 research and 3 resources, without duplicates', () => {
    expect(BUILDINGS).toHaveLength(13);
    expect(RESEARCH).toHaveLength(14);
    expect(RESOURCES).toEqual(['metal', 'crystal', 'deuterium']);
    expect(new Set(BUILDINGS).size).toBe(BUILDINGS.length);
    expect(new Set(RESEARCH).size).toBe(RESEARCH.length);
  });

  it('zeroBuildings / zeroResearch have every id at 0 and are fresh objects', () => {
    const b = zeroBuildings();
    expect(Object.keys(b)).toEqual([...BUILDINGS]);
    expect(Object.values(b).every((v) => v === 0)).toBe(true);
    const r = zeroResearch();
    expect(Object.keys(r)).toEqual([...RESEARCH]);
    expect(Object.values(r).every((v) => v === 0)).toBe(true);
    b.metalMine = 5;
    expect(zeroBuildings().metalMine).toBe(0);
  });

  it.each([
    ['metalMine', true, false],
    ['naniteFactory', true, false],
    ['energy', false, true],
    ['hyperspaceDrive', false, true],
    ['MetalMine', false, false],
    ['toString', false, false],
    ['__proto__', false, false],
    ['', false, false],
  ])('%s: building %s, research %s', (id, building, research) => {
    expect(isBuildingId(id)).toBe(building);
    expect(isResearchId(id)).toBe(research);
  });

  it('isResourceId', () => {
    expect(isResourceId('deuterium')).toBe(true);
    expect(isResourceId('energy')).toBe(false);
  });
});
