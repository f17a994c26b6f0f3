import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BUILDINGS, RESEARCH, buildingTimeSeconds, researchTimeSeconds } from '../index.js';
import type { BuildingId, ResearchId } from '../index.js';
import { universe, zip } from '../../test/factories.js';

const NO_FACTORIES = { robotics: 0, nanite: 0 };
const LEVELS = [1, 5, 10, 20, 30] as const;

// Build time = floor(3600 · (M + C) / (2500 · max(4 − L/2, 1) · (1 + R) · 2^N · Se)), min 1.
// Exact-fraction oracle, e.g. with R = N = 0, Se = 1:
//   metalMine L1:   3600 · 75 / (2500 · 3.5) = 30.857… → 30
//   metalMine L5:   3600 · 378 / (2500 · 1.5) = 362.88 → 362
//   metalStorage L10: 3600 · 512 000 / 2500 = 737 280 (level term 1 from L6 on)
//   naniteFactory L1: 3600 · 1 500 000 / 2500 = 2 160 000 (its level term is always 1)
const BUILD_TIMES: [BuildingId, number[]][] = [
  ['metalMine', [30, 362, 4150, 239417, 13806074]],
  ['crystalMine', [29, 452, 7123, 783381, 86133971]],
  ['deuteriumSynthesizer', [123, 1457, 16606, 957672, 55224302]],
  ['solarPlant', [43, 508, 5811, 335184, 19328505]],
  ['fusionReactor', [518, 12696, 359902, 128502220, 45881296882]],
  ['roboticsFactory', [213, 7987, 383385, 392586854, 402008938905]],
  ['shipyard', [246, 9216, 442368, 452984832, 463856467968]],
  ['researchLab', [246, 9216, 442368, 452984832, 463856467968]],
  ['metalStorage', [411, 15360, 737280, 754974720, 773094113280]],
  ['crystalStorage', [617, 23040, 1105920, 1132462080, 1159641169920]],
  ['deuteriumTank', [822, 30720, 1474560, 1509949440, 1546188226560]],
  ['naniteFactory', [2160000, 34560000, 1105920000, 1132462080000, 1159641169920000]],
  ['missileSilo', [16457, 614400, 29491200, 30198988800, 30923764531200]],
];

describe('buildingTimeSeconds', () => {
  it('covers every building', () => {
    expect(BUILD_TIMES.map(([b]) => b)).toEqual([...BUILDINGS]);
  });

  describe.each(BUILD_TIMES)('%s without robotics or nanites', (b, times) => {
    it('takes the 1 s minimum at level 0 (nothing to build)', () => {
      expect(buildingTimeSeconds(b, 0, NO_FACTORIES, universe())).toBe(1);
    });
    it.each(zip(LEVELS, times))('level %p takes %p s', (level, seconds) => {
      expect(buildingTimeSeconds(b, level, NO_FACTORIES, universe())).toBe(seconds);
    });
  });

  it.each([
    // [building, level, robotics, nanite, economy speed, seconds]
    ['metalMine', 5, 2, 0, 1, 120], // 1 360 800 / (2500 · 1.5 · 3) = 120.96
    ['metalMine', 10, 10, 1, 1, 188],
    ['metalMine', 20, 10, 2, 2, 2720],
    ['metalMine', 30, 10, 5, 1.5, 26147],
    ['metalMine', 1, 10, 5, 1, 1], // 270 000 / (8750 · 11 · 32) = 0.088 → minimum 1
    ['naniteFactory', 1, 10, 0, 1, 196363], // 5.4e9 / (2500 · 11) = 196 363.6
    ['naniteFactory', 2, 10, 1, 1, 196363], // twice the cost, twice the speed
    ['shipyard', 4, 3, 0, 1, 864],
    ['fusionReactor', 8, 5, 0, 5, 3702],
    ['metalStorage', 6, 0, 0, 1, 46080], // level term is exactly 1 at L6
    ['crystalMine', 7, 1, 0, 1, 869],
  ] as const)('%s L%p with R%p N%p at Se %p takes %p s', (b, level, robotics, nanite, se, seconds) => {
    expect(buildingTimeSeconds(b, level, { robotics, nanite }, universe({ economySpeed: se }))).toBe(seconds);
  });

  it.each([
    [{ robotics: -1, nanite: 0 }, 1],
    [{ robotics: 0, nanite: 0.5 }, 1],
    [{ robotics: 0, nanite: 0 }, 0],
    [{ robotics: 0, nanite: 0 }, -1],
    [{ robotics: 0, nanite: 0 }, Number.NaN],
  ])('rejects factories %p at economy speed %p', (f, se) => {
    expect(() => buildingTimeSeconds('metalMine', 1, f, universe({ economySpeed: se }))).toThrow(RangeError);
  });

  it('is an integer ≥ 1 that grows with level and shrinks with robotics, nanites and speed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BUILDINGS),
        fc.integer({ min: 0, max: 35 }),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(1, 2, 3, 5, 1.5),
        (b, level, robotics, nanite, se) => {
          const s = universe({ economySpeed: se });
          const t = buildingTimeSeconds(b, level, { robotics, nanite }, s);
          expect(Number.isInteger(t) && t >= 1).toBe(true);
          expect(buildingTimeSeconds(b, level + 1, { robotics, nanite }, s)).toBeGreaterThanOrEqual(t);
          expect(buildingTimeSeconds(b, level, { robotics: robotics + 1, nanite }, s)).toBeLessThanOrEqual(t);
          expect(buildingTimeSeconds(b, level, { robotics, nanite: nanite + 1 }, s)).toBeLessThanOrEqual(t);
          expect(buildingTimeSeconds(b, level, { robotics, nanite }, universe({ economySpeed: se * 2 }))).toBeLessThanOrEqual(t);
        },
      ),
    );
  });
});

// Research time = floor(3600 · (M + C) / (1000 · (1 + lab) · Se · Sr)), min 1, e.g.
//   energy L1, lab 1: 3600 · 800 / 2000 = 1440
//   astrophysics L3, lab 5: 3600 · 36 800 / 6000 = 22 080
describe('researchTimeSeconds', () => {
  it.each([
    // [research, level, lab, Se, Sr, seconds]
    ['energy', 1, 1, 1, 1, 1440],
    ['energy', 5, 3, 1, 1, 11520],
    ['plasma', 10, 10, 1, 1, 1005381],
    ['astrophysics', 3, 5, 1, 1, 22080],
    ['espionage', 4, 3, 2, 1.5, 2880],
    ['laser', 1, 0, 1, 1, 1080],
    ['armour', 20, 12, 1, 1, 145187446],
    ['computer', 10, 10, 2, 3, 11170],
    ['energy', 0, 1, 1, 1, 1],
  ] as const)('%s L%p with lab %p at Se %p, Sr %p takes %p s', (r, level, lab, se, sr, seconds) => {
    expect(researchTimeSeconds(r, level, lab, universe({ economySpeed: se, researchSpeed: sr }))).toBe(seconds);
  });

  it('rejects a bad lab level or research speed', () => {
    expect(() => researchTimeSeconds('energy', 1, -1, universe())).toThrow(RangeError);
    expect(() => researchTimeSeconds('energy', 1, 1, universe({ researchSpeed: 0 }))).toThrow(RangeError);
  });

  it('is an integer ≥ 1 that grows with level and shrinks with the lab', () => {
    fc.assert(
      fc.property(fc.constantFrom<ResearchId>(...RESEARCH), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 20 }), (r, level, lab) => {
        const s = universe();
        const t = researchTimeSeconds(r, level, lab, s);
        expect(Number.isInteger(t) && t >= 1).toBe(true);
        expect(researchTimeSeconds(r, level + 1, lab, s)).toBeGreaterThanOrEqual(t);
        expect(researchTimeSeconds(r, level, lab + 1, s)).toBeLessThanOrEqual(t);
      }),
    );
  });
});
