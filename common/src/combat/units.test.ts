import { describe, expect, it } from '@jest/globals';
import {
  DEFENSES,
  DEFENSE_STATS,
  RAPID_FIRE,
  SHIPS,
  SHIP_STATS,
  UNITS,
  UNIT_STATS,
  cargoCapacity,
  isDefenseId,
  isShipId,
  isUnitId,
  rapidFire,
  unitsCost,
} from '../index.js';
import type { DefenseId, ShipId, UnitId } from '../index.js';

// The "Units" table of rules.md: cost M/C/D · structure · shield · attack · cargo · speed · fuel.
const SHIP_ROWS: [ShipId, number[]][] = [
  ['smallCargo', [2000, 2000, 0, 4000, 10, 5, 5000, 5000, 10]],
  ['largeCargo', [6000, 6000, 0, 12000, 25, 5, 25000, 7500, 50]],
  ['lightFighter', [3000, 1000, 0, 4000, 10, 50, 50, 12500, 20]],
  ['heavyFighter', [6000, 4000, 0, 10000, 25, 150, 100, 10000, 75]],
  ['cruiser', [20000, 7000, 2000, 27000, 50, 400, 800, 15000, 300]],
  ['battleship', [45000, 15000, 0, 60000, 200, 1000, 1500, 10000, 500]],
  ['colonyShip', [10000, 20000, 10000, 30000, 100, 50, 7500, 2500, 1000]],
  ['recycler', [10000, 6000, 2000, 16000, 10, 1, 20000, 2000, 300]],
  ['espionageProbe', [0, 1000, 0, 1000, 0, 0, 0, 100000000, 1]],
  ['solarSatellite', [0, 2000, 500, 2000, 1, 0, 0, 0, 0]],
];
const DEFENSE_ROWS: [DefenseId, number[]][] = [
  ['rocketLauncher', [2000, 0, 0, 2000, 20, 80]],
  ['lightLaser', [1500, 500, 0, 2000, 25, 100]],
  ['heavyLaser', [6000, 2000, 0, 8000, 100, 250]],
  ['gaussCannon', [20000, 15000, 2000, 35000, 200, 1100]],
  ['ionCannon', [2000, 6000, 0, 8000, 500, 150]],
  ['plasmaTurret', [50000, 50000, 30000, 100000, 300, 3000]],
  ['smallShieldDome', [10000, 10000, 0, 20000, 2000, 1]],
  ['largeShieldDome', [50000, 50000, 0, 100000, 10000, 1]],
];

describe('unit table', () => {
  it('lists the ships and defenses of rules.md in order', () => {
    expect(SHIP_ROWS.map(([id]) => id)).toEqual([...SHIPS]);
    expect(DEFENSE_ROWS.map(([id]) => id)).toEqual([...DEFENSES]);
    expect([...UNITS]).toEqual([...SHIPS, ...DEFENSES]);
  });

  it.each(SHIP_ROWS)('%s has the stats of rules.md', (id, [m, c, d, structure, shield, attack, cargo, speed, fuel]) => {
    expect(SHIP_STATS[id]).toEqual({ cost: { metal: m, crystal: c, deuterium: d }, structure, shield, attack, cargo, speed, fuel });
  });

  it.each(DEFENSE_ROWS)('%s has the stats of rules.md and no cargo/speed', (id, [m, c, d, structure, shield, attack]) => {
    expect(DEFENSE_STATS[id]).toEqual({ cost: { metal: m, crystal: c, deuterium: d }, structure, shield, attack });
    expect(UNIT_STATS[id]).toBe(DEFENSE_STATS[id]);
  });

  it('classifies ids', () => {
    expect(UNITS.filter(isShipId)).toEqual([...SHIPS]);
    expect(UNITS.filter(isDefenseId)).toEqual([...DEFENSES]);
    expect(isUnitId('cruiser')).toBe(true);
    expect(isUnitId('deathStar')).toBe(false);
    expect(isUnitId('constructor')).toBe(false);
  });
});

describe('rapid fire', () => {
  const FIRING_SHIPS = SHIPS.filter((s) => SHIP_STATS[s].attack > 0);
  const EXTRA: [UnitId, UnitId, number][] = [
    ['heavyFighter', 'smallCargo', 3],
    ['cruiser', 'lightFighter', 6],
    ['cruiser', 'rocketLauncher', 10],
  ];

  it('gives every firing ship RF 5 against probes and satellites', () => {
    expect(FIRING_SHIPS).toEqual(['smallCargo', 'largeCargo', 'lightFighter', 'heavyFighter', 'cruiser', 'battleship', 'colonyShip', 'recycler']);
    for (const s of FIRING_SHIPS) {
      expect(rapidFire(s, 'espionageProbe')).toBe(5);
      expect(rapidFire(s, 'solarSatellite')).toBe(5);
    }
  });

  it.each(EXTRA)('%s → %s is %p', (s, t, rf) => {
    expect(rapidFire(s, t)).toBe(rf);
  });

  it('has nothing else: probes, satellites and defenses have none, other pairs are 1', () => {
    for (const s of UNITS) {
      for (const t of UNITS) {
        const listed =
          EXTRA.find(([a, b]) => a === s && b === t)?.[2] ??
          (FIRING_SHIPS.includes(s as ShipId) && (t === 'espionageProbe' || t === 'solarSatellite') ? 5 : 1);
        expect([s, t, rapidFire(s, t)]).toEqual([s, t, listed]);
      }
    }
    expect(Object.keys(RAPID_FIRE)).toEqual(FIRING_SHIPS);
  });
});

describe('unitsCost and cargoCapacity', () => {
  it('sums costs and cargo per unit', () => {
    expect(unitsCost({ cruiser: 2, rocketLauncher: 3 })).toEqual({ metal: 46000, crystal: 14000, deuterium: 4000 });
    expect(unitsCost({})).toEqual({ metal: 0, crystal: 0, deuterium: 0 });
    expect(cargoCapacity({ smallCargo: 2, largeCargo: 1, cruiser: 1, rocketLauncher: 100 })).toBe(35800);
  });
});
