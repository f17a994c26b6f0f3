import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  BUILDINGS,
  buildingEnergyConsumption,
  energyReport,
  fusionReactorEnergy,
  productionFactor,
  solarPlantEnergy,
  solarSatelliteEnergy,
  upgradeEnergyImpact,
} from '../index.js';
import type { BuildingLevels } from '../index.js';
import { economy, universe, zip } from '../../test/factories.js';

const LEVELS = [0, 1, 5, 10, 20, 30];

// Exact-fraction oracle. 1.1^L = 11^L / 10^L, e.g.
//   solar L5: 20 · 5 · 1.61051 = 161.051 → 161;  metal mine use L5: 10 · 5 · 1.61051 = 80.5255 → ceil 81
//   fusion L5, energy 3: 30 · 5 · 1.08^5 = 220.399… → 220
describe('per-building energy', () => {
  it.each(zip(LEVELS, [0, 22, 161, 518, 2690, 10469]))('solar plant L%p makes %p', (l, e) => {
    expect(solarPlantEnergy(l)).toBe(e);
  });

  it.each([
    [0, [0, 31, 191, 488, 1591, 3889]],
    [3, [0, 32, 220, 647, 2796, 9056]],
    [10, [0, 34, 301, 1213, 9819, 59590]],
  ])('fusion reactor with energy tech %p makes %p at levels 0,1,5,10,20,30', (tech, expected) => {
    expect(LEVELS.map((l) => fusionReactorEnergy(l, tech))).toEqual(expected);
  });

  it.each([
    ['metalMine', [0, 11, 81, 260, 1346, 5235]],
    ['crystalMine', [0, 11, 81, 260, 1346, 5235]],
    ['deuteriumSynthesizer', [0, 22, 162, 519, 2691, 10470]],
    ['solarPlant', [0, 0, 0, 0, 0, 0]],
    ['fusionReactor', [0, 0, 0, 0, 0, 0]],
    ['metalStorage', [0, 0, 0, 0, 0, 0]],
  ] as const)('%s uses %p at levels 0,1,5,10,20,30 (rounded up)', (b, expected) => {
    expect(LEVELS.map((l) => buildingEnergyConsumption(b, l))).toEqual(expected);
  });

  it.each([
    [240, 63], // floor(380 / 6) = 63
    [200, 56],
    [40, 30],
    [0, 23],
    [-90, 8],
    [-130, 1],
    [-141, 0], // floor(−1/6) = −1, but never negative
    [-150, 0],
  ])('a solar satellite at Tmax %p makes %p', (t, e) => {
    expect(solarSatelliteEnergy(t)).toBe(e);
  });
});

describe('productionFactor', () => {
  it.each([
    [0, 0, 100],
    [50, 0, 100],
    [0, 22, 0],
    [753, 800, 94], // floor(94.125)
    [799, 800, 99], // floor(99.875): a hair short is still < 100
    [800, 800, 100],
    [5000, 800, 100],
    [1, 3, 33],
  ])('produced %p, consumed %p → %p %', (p, c, f) => {
    expect(productionFactor(p, c)).toBe(f);
  });
});

describe('energyReport', () => {
  it.each([
    ['fresh planet', {}, 40, 0, 0, { produced: 0, consumed: 0, balance: 0, factor: 100 }],
    ['mines without power', { metalMine: 1, crystalMine: 1 }, 40, 0, 0, { produced: 0, consumed: 22, balance: -22, factor: 0 }],
    [
      'balanced economy',
      { metalMine: 10, crystalMine: 8, deuteriumSynthesizer: 5, solarPlant: 12 },
      40,
      0,
      0,
      { produced: 753, consumed: 594, balance: 159, factor: 100 },
    ],
    [
      'short of energy',
      { metalMine: 11, crystalMine: 9, deuteriumSynthesizer: 7, solarPlant: 12 },
      40,
      0,
      0,
      { produced: 753, consumed: 800, balance: -47, factor: 94 },
    ],
    [
      'solar + fusion + 10 satellites at −50 °C',
      { metalMine: 20, crystalMine: 18, deuteriumSynthesizer: 15, solarPlant: 20, fusionReactor: 5 },
      -50,
      3,
      10,
      // 2690 + 220 + 10 · floor(90/6) = 3060;  1346 + 1001 + 1254 = 3601;  floor(306000/3601) = 84
      { produced: 3060, consumed: 3601, balance: -541, factor: 84 },
    ],
  ] as const)('%s', (_name, levels, temperatureMax, energyTech, solarSatellites, expected) => {
    const input = economy({ buildings: levels, temperatureMax, energyTech, solarSatellites });
    expect(energyReport(input, universe())).toEqual(expected);
  });

  it('does not depend on economy speed', () => {
    const input = economy({ buildings: { metalMine: 10, solarPlant: 9 } });
    expect(energyReport(input, universe({ economySpeed: 5 }))).toEqual(energyReport(input, universe()));
  });

  it('keeps the factor an integer in [0, 100] and balance = produced − consumed', () => {
    const level = fc.integer({ min: 0, max: 40 });
    fc.assert(
      fc.property(
        fc.record({ metalMine: level, crystalMine: level, deuteriumSynthesizer: level, solarPlant: level, fusionReactor: level }),
        fc.integer({ min: -130, max: 240 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 5000 }),
        (levels, temperatureMax, energyTech, solarSatellites) => {
          const r = energyReport(economy({ buildings: levels, temperatureMax, energyTech, solarSatellites }), universe());
          expect(Number.isInteger(r.factor)).toBe(true);
          expect(r.factor).toBeGreaterThanOrEqual(0);
          expect(r.factor).toBeLessThanOrEqual(100);
          expect(r.balance).toBe(r.produced - r.consumed);
          expect(r.factor === 100).toBe(r.produced >= r.consumed);
        },
      ),
    );
  });
});

describe('upgradeEnergyImpact', () => {
  const balanced: Partial<BuildingLevels> = { metalMine: 10, crystalMine: 8, deuteriumSynthesizer: 5, solarPlant: 12 };
  const short: Partial<BuildingLevels> = { metalMine: 11, crystalMine: 9, deuteriumSynthesizer: 7, solarPlant: 12 };
  it.each([
    // metal mine 10 → 11: ceil(313.8…) − ceil(259.3…) = 314 − 260 = 54 more consumed
    ['balanced', balanced, 'metalMine', { energyDelta: -54, factorAfter: 100, factorBefore: 100 }],
    ['balanced', balanced, 'crystalMine', { energyDelta: -41, factorAfter: 100, factorBefore: 100 }],
    ['balanced', balanced, 'deuteriumSynthesizer', { energyDelta: -51, factorAfter: 100, factorBefore: 100 }],
    // solar 12 → 13: 897 − 753 = 144
    ['balanced', balanced, 'solarPlant', { energyDelta: 144, factorAfter: 100, factorBefore: 100 }],
    ['balanced', balanced, 'fusionReactor', { energyDelta: 31, factorAfter: 100, factorBefore: 100 }],
    ['balanced', balanced, 'roboticsFactory', { energyDelta: 0, factorAfter: 100, factorBefore: 100 }],
    ['short', short, 'metalMine', { energyDelta: -63, factorAfter: 87, factorBefore: 94 }],
    ['short', short, 'deuteriumSynthesizer', { energyDelta: -70, factorAfter: 86, factorBefore: 94 }],
    ['short', short, 'solarPlant', { energyDelta: 144, factorAfter: 100, factorBefore: 94 }],
    ['unpowered', { metalMine: 1, crystalMine: 1 }, 'solarPlant', { energyDelta: 22, factorAfter: 100, factorBefore: 0 }],
    ['empty', {}, 'metalMine', { energyDelta: -11, factorAfter: 0, factorBefore: 100 }],
  ] as const)('%s planet, upgrading %s', (_name, levels, b, expected) => {
    expect(upgradeEnergyImpact(economy({ buildings: levels }), b, universe())).toEqual(expected);
  });

  it('does not modify its input', () => {
    const input = economy({ buildings: balanced });
    const copy = structuredClone(input);
    upgradeEnergyImpact(input, 'metalMine', universe());
    expect(input).toEqual(copy);
  });

  it('is 0 for every building that neither makes nor uses energy', () => {
    const energyBuildings = new Set(['metalMine', 'crystalMine', 'deuteriumSynthesizer', 'solarPlant', 'fusionReactor']);
    for (const b of BUILDINGS.filter((x) => !energyBuildings.has(x))) {
      expect(upgradeEnergyImpact(economy({ buildings: balanced }), b, universe()).energyDelta).toBe(0);
    }
  });
});
