import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BUILDINGS, RESEARCH, buildingCost, researchCost } from '../index.js';
import type { BuildingId, ResearchId } from '../index.js';
import { zip } from '../../test/factories.js';

type Triple = [number, number, number];
const asResources = ([metal, crystal, deuterium]: Triple) => ({ metal, crystal, deuterium });

// Expected values from an exact-fraction oracle (Python `fractions`), e.g.
//   metalMine L5:    floor(60 · 1.5^4) = floor(303.75) = 303, floor(15 · 1.5^4) = floor(75.9375) = 75
//   crystalMine L10: floor(48 · 1.6^9) = floor(3298.5343…) = 3298
//   fusionReactor L5: floor(900 · 1.8^4) = floor(9447.84) = 9447
const BUILDING_LEVELS = [1, 5, 10, 20, 30] as const;
const BUILDING_COSTS: [BuildingId, Triple[]][] = [
  [
    'metalMine',
    [
      [60, 15, 0],
      [303, 75, 0],
      [2306, 576, 0],
      [133010, 33252, 0],
      [7670042, 1917510, 0],
    ],
  ],
  [
    'crystalMine',
    [
      [48, 24, 0],
      [314, 157, 0],
      [3298, 1649, 0],
      [362677, 181338, 0],
      [39876839, 19938419, 0],
    ],
  ],
  [
    'deuteriumSynthesizer',
    [
      [225, 75, 0],
      [1139, 379, 0],
      [8649, 2883, 0],
      [498788, 166262, 0],
      [28762658, 9587552, 0],
    ],
  ],
  [
    'solarPlant',
    [
      [75, 30, 0],
      [379, 151, 0],
      [2883, 1153, 0],
      [166262, 66505, 0],
      [9587552, 3835021, 0],
    ],
  ],
  [
    'fusionReactor',
    [
      [900, 360, 180],
      [9447, 3779, 1889],
      [178523, 71409, 35704],
      [63741181, 25496472, 12748236],
      [22758579803, 9103431921, 4551715960],
    ],
  ],
  [
    'roboticsFactory',
    [
      [400, 120, 200],
      [6400, 1920, 3200],
      [204800, 61440, 102400],
      [209715200, 62914560, 104857600],
      [214748364800, 64424509440, 107374182400],
    ],
  ],
  [
    'shipyard',
    [
      [400, 200, 100],
      [6400, 3200, 1600],
      [204800, 102400, 51200],
      [209715200, 104857600, 52428800],
      [214748364800, 107374182400, 53687091200],
    ],
  ],
  [
    'researchLab',
    [
      [200, 400, 200],
      [3200, 6400, 3200],
      [102400, 204800, 102400],
      [104857600, 209715200, 104857600],
      [107374182400, 214748364800, 107374182400],
    ],
  ],
  [
    'metalStorage',
    [
      [1000, 0, 0],
      [16000, 0, 0],
      [512000, 0, 0],
      [524288000, 0, 0],
      [536870912000, 0, 0],
    ],
  ],
  [
    'crystalStorage',
    [
      [1000, 500, 0],
      [16000, 8000, 0],
      [512000, 256000, 0],
      [524288000, 262144000, 0],
      [536870912000, 268435456000, 0],
    ],
  ],
  [
    'deuteriumTank',
    [
      [1000, 1000, 0],
      [16000, 16000, 0],
      [512000, 512000, 0],
      [524288000, 524288000, 0],
      [536870912000, 536870912000, 0],
    ],
  ],
  [
    'naniteFactory',
    [
      [1000000, 500000, 100000],
      [16000000, 8000000, 1600000],
      [512000000, 256000000, 51200000],
      [524288000000, 262144000000, 52428800000],
      [536870912000000, 268435456000000, 53687091200000],
    ],
  ],
  [
    'missileSilo',
    [
      [20000, 20000, 1000],
      [320000, 320000, 16000],
      [10240000, 10240000, 512000],
      [10485760000, 10485760000, 524288000],
      [10737418240000, 10737418240000, 536870912000],
    ],
  ],
];

// Research doubles per level; astrophysics grows by 1.75 and rounds to the nearest 100:
//   L3: 4000 · 1.75² = 12250 → 12300 (half rounds up); 8000 · 1.75² = 24500
//   L10: 4000 · 1.75^9 = 615 696.2… → 615 700
const RESEARCH_LEVELS = [1, 2, 3, 5, 10] as const;
const RESEARCH_COSTS: [ResearchId, Triple[]][] = [
  [
    'energy',
    [
      [0, 800, 400],
      [0, 1600, 800],
      [0, 3200, 1600],
      [0, 12800, 6400],
      [0, 409600, 204800],
    ],
  ],
  [
    'laser',
    [
      [200, 100, 0],
      [400, 200, 0],
      [800, 400, 0],
      [3200, 1600, 0],
      [102400, 51200, 0],
    ],
  ],
  [
    'ion',
    [
      [1000, 300, 100],
      [2000, 600, 200],
      [4000, 1200, 400],
      [16000, 4800, 1600],
      [512000, 153600, 51200],
    ],
  ],
  [
    'hyperspace',
    [
      [0, 4000, 2000],
      [0, 8000, 4000],
      [0, 16000, 8000],
      [0, 64000, 32000],
      [0, 2048000, 1024000],
    ],
  ],
  [
    'plasma',
    [
      [2000, 4000, 1000],
      [4000, 8000, 2000],
      [8000, 16000, 4000],
      [32000, 64000, 16000],
      [1024000, 2048000, 512000],
    ],
  ],
  [
    'combustion',
    [
      [400, 0, 600],
      [800, 0, 1200],
      [1600, 0, 2400],
      [6400, 0, 9600],
      [204800, 0, 307200],
    ],
  ],
  [
    'impulse',
    [
      [2000, 4000, 600],
      [4000, 8000, 1200],
      [8000, 16000, 2400],
      [32000, 64000, 9600],
      [1024000, 2048000, 307200],
    ],
  ],
  [
    'hyperspaceDrive',
    [
      [10000, 20000, 6000],
      [20000, 40000, 12000],
      [40000, 80000, 24000],
      [160000, 320000, 96000],
      [5120000, 10240000, 3072000],
    ],
  ],
  [
    'espionage',
    [
      [200, 1000, 200],
      [400, 2000, 400],
      [800, 4000, 800],
      [3200, 16000, 3200],
      [102400, 512000, 102400],
    ],
  ],
  [
    'computer',
    [
      [0, 400, 600],
      [0, 800, 1200],
      [0, 1600, 2400],
      [0, 6400, 9600],
      [0, 204800, 307200],
    ],
  ],
  [
    'astrophysics',
    [
      [4000, 8000, 4000],
      [7000, 14000, 7000],
      [12300, 24500, 12300],
      [37500, 75000, 37500],
      [615700, 1231500, 615700],
    ],
  ],
  [
    'weapons',
    [
      [800, 200, 0],
      [1600, 400, 0],
      [3200, 800, 0],
      [12800, 3200, 0],
      [409600, 102400, 0],
    ],
  ],
  [
    'shielding',
    [
      [200, 600, 0],
      [400, 1200, 0],
      [800, 2400, 0],
      [3200, 9600, 0],
      [102400, 307200, 0],
    ],
  ],
  [
    'armour',
    [
      [1000, 0, 0],
      [2000, 0, 0],
      [4000, 0, 0],
      [16000, 0, 0],
      [512000, 0, 0],
    ],
  ],
];

const ZERO = { metal: 0, crystal: 0, deuterium: 0 };

describe('buildingCost', () => {
  it('covers every building', () => {
    expect(BUILDING_COSTS.map(([b]) => b)).toEqual([...BUILDINGS]);
  });

  describe.each(BUILDING_COSTS)('%s', (b, rows) => {
    it('costs nothing at level 0', () => {
      expect(buildingCost(b, 0)).toEqual(ZERO);
    });
    it.each(zip(BUILDING_LEVELS, rows))('level %p costs %p', (level, cost) => {
      expect(buildingCost(b, level)).toEqual(asResources(cost));
    });
  });

  it.each([-1, 1.5, Number.NaN, Infinity])('rejects level %p', (level) => {
    expect(() => buildingCost('metalMine', level)).toThrow(RangeError);
  });
});

describe('researchCost', () => {
  it('covers every research', () => {
    expect(RESEARCH_COSTS.map(([r]) => r)).toEqual([...RESEARCH]);
  });

  describe.each(RESEARCH_COSTS)('%s', (r, rows) => {
    it('costs nothing at level 0', () => {
      expect(researchCost(r, 0)).toEqual(ZERO);
    });
    it.each(zip(RESEARCH_LEVELS, rows))('level %p costs %p', (level, cost) => {
      expect(researchCost(r, level)).toEqual(asResources(cost));
    });
  });

  it('rejects bad levels', () => {
    expect(() => researchCost('energy', -2)).toThrow(RangeError);
  });
});

describe('cost properties', () => {
  const level = fc.integer({ min: 1, max: 45 });
  const grows = (before: number, after: number, base: number) => (base === 0 ? after === 0 : after > before);

  it('building costs strictly grow with level in every resource they use', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BUILDINGS), level, (b, l) => {
        const a = buildingCost(b, l);
        const c = buildingCost(b, l + 1);
        const base = buildingCost(b, 1);
        expect(grows(a.metal, c.metal, base.metal)).toBe(true);
        expect(grows(a.crystal, c.crystal, base.crystal)).toBe(true);
        expect(grows(a.deuterium, c.deuterium, base.deuterium)).toBe(true);
      }),
    );
  });

  it('research costs strictly grow with level in every resource they use', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RESEARCH), level, (r, l) => {
        const a = researchCost(r, l);
        const c = researchCost(r, l + 1);
        const base = researchCost(r, 1);
        expect(grows(a.metal, c.metal, base.metal)).toBe(true);
        expect(grows(a.crystal, c.crystal, base.crystal)).toBe(true);
        expect(grows(a.deuterium, c.deuterium, base.deuterium)).toBe(true);
      }),
    );
  });

  it('costs are non-negative integers', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BUILDINGS), fc.constantFrom(...RESEARCH), level, (b, r, l) => {
        for (const v of [...Object.values(buildingCost(b, l)), ...Object.values(researchCost(r, l))]) {
          expect(Number.isInteger(v) && v >= 0).toBe(true);
        }
      }),
    );
  });
});
