import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { productionPerHour } from '../index.js';
import type { ProductionReport } from '../index.js';
import { economy, universe, zip } from '../../test/factories.js';

const LEVELS = [0, 1, 5, 10, 20, 30];
/** Enough satellites (1 energy each even at −130 °C) for a 100 % factor at every level here. */
const PLENTY = 100_000;
const triple = (metal: number, crystal: number, deuterium: number) => ({ metal, crystal, deuterium });

// Exact-fraction oracle, e.g.
//   metal L1: 30 · 1 · 1.1 = 33;  metal L10: 30 · 10 · 2.5937… = 778.1… → 778
//   deuterium L10 at Tmax 40 (Tavg 20): 10 · 10 · 2.5937… · (1.44 − 0.08) = 352.7… → 352
describe('mine output per hour at 100 %', () => {
  it.each([
    ['metalMine', 'metal', 40, [0, 33, 241, 778, 4036, 15704]],
    ['crystalMine', 'crystal', 40, [0, 22, 161, 518, 2690, 10469]],
    ['deuteriumSynthesizer', 'deuterium', 40, [0, 14, 109, 352, 1829, 7119]],
    ['deuteriumSynthesizer', 'deuterium', -130, [0, 22, 164, 529, 2744, 10679]],
    ['deuteriumSynthesizer', 'deuterium', 240, [0, 6, 45, 145, 753, 2931]],
  ] as const)('%s (%s) at Tmax %p: levels 0,1,5,10,20,30', (mine, resource, temperatureMax, expected) => {
    const out = LEVELS.map(
      (level) => productionPerHour(economy({ buildings: { [mine]: level }, temperatureMax, solarSatellites: PLENTY }), universe()).mines[resource],
    );
    expect(out).toEqual(expected);
  });

  it.each(zip(LEVELS, [0, 11, 80, 259, 1345, 5234]))('fusion reactor L%p burns %p deuterium per hour', (level, burn) => {
    const r = productionPerHour(economy({ buildings: { fusionReactor: level } }), universe());
    expect(r.fusionDeuteriumPerHour).toBe(burn);
    expect(r.actual.deuterium).toBe(0 - burn);
  });
});

describe('productionPerHour', () => {
  const cases: [string, Parameters<typeof economy>[0], Parameters<typeof universe>[0], Omit<ProductionReport, 'energy'>][] = [
    [
      'fresh planet: base income only',
      {},
      {},
      { theoretical: triple(30, 15, 0), actual: triple(30, 15, 0), base: triple(30, 15, 0), mines: triple(0, 0, 0), fusionDeuteriumPerHour: 0 },
    ],
    [
      'balanced economy',
      { buildings: { metalMine: 10, crystalMine: 8, deuteriumSynthesizer: 5, solarPlant: 12 } },
      {},
      {
        theoretical: triple(808, 357, 109),
        actual: triple(808, 357, 109),
        base: triple(30, 15, 0),
        mines: triple(778, 342, 109),
        fusionDeuteriumPerHour: 0,
      },
    ],
    [
      // factor 84 %, Se 2, ×1.5 buff: metal floor(30 · 20 · 1.1^20 · 2 · 1.5 · 0.84) = floor(10 171.7…) = 10 171
      'short of energy, with fusion, speed 2 and a ×1.5 buff',
      {
        buildings: { metalMine: 20, crystalMine: 18, deuteriumSynthesizer: 15, solarPlant: 20, fusionReactor: 5 },
        temperatureMax: -50,
        energyTech: 3,
        solarSatellites: 10,
        productionMultiplier: 1.5,
      },
      { economySpeed: 2 },
      {
        theoretical: triple(12169, 6034, 3072),
        actual: triple(10231, 5073, 2554),
        base: triple(60, 15 * 2, 0),
        mines: triple(10171, 5043, 2715),
        fusionDeuteriumPerHour: 161,
      },
    ],
    [
      'mines without any energy',
      { buildings: { metalMine: 1, crystalMine: 1 } },
      {},
      { theoretical: triple(63, 37, 0), actual: triple(30, 15, 0), base: triple(30, 15, 0), mines: triple(0, 0, 0), fusionDeuteriumPerHour: 0 },
    ],
    [
      'speed 3 with a ×1.2 buff at 80 °C',
      { buildings: { metalMine: 12, crystalMine: 10, deuteriumSynthesizer: 8, solarPlant: 14 }, temperatureMax: 80, productionMultiplier: 1.2 },
      { economySpeed: 3 },
      {
        theoretical: triple(4157, 1912, 740),
        actual: triple(4157, 1912, 740),
        base: triple(90, 45, 0),
        mines: triple(4067, 1867, 740),
        fusionDeuteriumPerHour: 0,
      },
    ],
    [
      'fusion burning more deuterium than is made: negative rate',
      { buildings: { metalMine: 5, fusionReactor: 10 }, temperatureMax: 0, energyTech: 12 },
      {},
      {
        theoretical: triple(271, 15, -259),
        actual: triple(271, 15, -259),
        base: triple(30, 15, 0),
        mines: triple(241, 0, 0),
        fusionDeuteriumPerHour: 259,
      },
    ],
    [
      'fractional economy speed: base floor(30 · 1.5) = 45, floor(15 · 1.5) = 22',
      {},
      { economySpeed: 1.5 },
      { theoretical: triple(45, 22, 0), actual: triple(45, 22, 0), base: triple(45, 22, 0), mines: triple(0, 0, 0), fusionDeuteriumPerHour: 0 },
    ],
  ];

  it.each(cases)('%s', (_name, input, settings, expected) => {
    const r = productionPerHour(economy(input), universe(settings));
    expect({ ...r, energy: undefined }).toEqual({ ...expected, energy: undefined });
  });

  it('includes the energy report', () => {
    const r = productionPerHour(economy({ buildings: { metalMine: 11, crystalMine: 9, deuteriumSynthesizer: 7, solarPlant: 12 } }), universe());
    expect(r.energy).toEqual({ produced: 753, consumed: 800, balance: -47, factor: 94 });
  });

  it.each([0, -1, Number.NaN])('rejects a production multiplier of %p', (m) => {
    expect(() => productionPerHour(economy({ productionMultiplier: m }), universe())).toThrow(RangeError);
  });

  it('never produces negatively from mines, and actual never beats theoretical', () => {
    const level = fc.integer({ min: 0, max: 40 });
    fc.assert(
      fc.property(
        fc.record({ metalMine: level, crystalMine: level, deuteriumSynthesizer: level, solarPlant: level, fusionReactor: level }),
        fc.integer({ min: -200, max: 400 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.constantFrom(1, 1.2, 1.5, 2),
        fc.constantFrom(1, 2, 5, 0.5),
        (levels, temperatureMax, solarSatellites, productionMultiplier, economySpeed) => {
          const input = economy({ buildings: levels, temperatureMax, solarSatellites, productionMultiplier });
          const r = productionPerHour(input, universe({ economySpeed }));
          for (const k of ['metal', 'crystal', 'deuterium'] as const) {
            expect(Number.isInteger(r.actual[k]) && Number.isInteger(r.theoretical[k])).toBe(true);
            expect(r.mines[k]).toBeGreaterThanOrEqual(0);
            expect(r.base[k]).toBeGreaterThanOrEqual(0);
            expect(r.actual[k]).toBeLessThanOrEqual(r.theoretical[k]);
          }
          expect(r.actual.metal).toBeGreaterThanOrEqual(r.base.metal);
          expect(r.actual.deuterium).toBe(r.mines.deuterium - r.fusionDeuteriumPerHour);
          if (levels.fusionReactor === 0) expect(r.actual.deuterium).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
