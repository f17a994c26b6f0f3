import { describe, expect, it } from '@jest/globals';
import {
  FLYING_SHIPS,
  SHIP_DRIVES,
  fleetDistance,
  fleetFuel,
  flightSeconds,
  isFlyingShipId,
  planFlight,
  shipSpeed,
  slowestSpeed,
  zeroResearch,
} from '../index.js';
import type { Coordinates } from '../index.js';

const at = (galaxy: number, system: number, position: number): Coordinates => ({ galaxy, system, position });
const research = (levels: Partial<Record<'combustion' | 'impulse' | 'hyperspaceDrive', number>> = {}) => ({ ...zeroResearch(), ...levels });
const F1 = { fleetSpeed: 1 };

describe('fleetDistance', () => {
  it.each([
    ['other galaxy, 2 apart', at(1, 1, 1), at(3, 1, 1), 40_000],
    ['other galaxy, order does not matter', at(9, 499, 15), at(1, 1, 1), 160_000],
    ['same galaxy, 3 systems apart (2700 + 95·3)', at(1, 10, 5), at(1, 7, 9), 2985],
    ['same system, 4 positions apart (1000 + 5·4)', at(1, 10, 5), at(1, 10, 9), 1020],
    ['same coordinates', at(4, 20, 8), at(4, 20, 8), 5],
  ])('%s', (_name, a, b, d) => {
    expect(fleetDistance(a, b)).toBe(d);
    expect(fleetDistance(b, a)).toBe(d);
  });
});

describe('ship speed with drive bonuses', () => {
  it.each([
    ['smallCargo', {}, 5000],
    ['smallCargo', { combustion: 2 }, 6000], // +10% per level; stays on combustion (documented simplification)
    ['smallCargo', { combustion: 2, impulse: 9 }, 6000],
    ['lightFighter', { combustion: 3 }, 16_250],
    ['heavyFighter', { impulse: 3, combustion: 9 }, 16_000], // +20% per impulse level
    ['cruiser', { impulse: 3 }, 24_000],
    ['colonyShip', { impulse: 1 }, 3000],
    ['battleship', { hyperspaceDrive: 2, impulse: 5 }, 16_000], // +30% per level
    ['recycler', { combustion: 6 }, 3200],
    ['espionageProbe', { combustion: 1 }, 110_000_000],
    ['largeCargo', { combustion: 1 }, 8250],
  ] as const)('%s with %p flies at %d', (ship, levels, speed) => {
    expect(shipSpeed(ship, research(levels))).toBe(speed);
  });

  it('every flying ship has a drive; the solar satellite cannot fly', () => {
    expect(Object.keys(SHIP_DRIVES).sort()).toEqual([...FLYING_SHIPS].sort());
    expect(isFlyingShipId('solarSatellite')).toBe(false);
    expect(isFlyingShipId('rocketLauncher')).toBe(false);
    expect(isFlyingShipId('cruiser')).toBe(true);
  });

  it('a fleet flies at its slowest ship; an empty fleet is an error', () => {
    expect(slowestSpeed({ smallCargo: 10, lightFighter: 2, recycler: 0 }, research({ combustion: 2 }))).toBe(6000);
    expect(() => slowestSpeed({ smallCargo: 0 }, research())).toThrow(RangeError);
  });
});

describe('flight time', () => {
  // d = 40 000, v = 16 000: sqrt(10·d/v) = 5, so 3500·5 + 10 = 17 510 exactly.
  it('is exact when the square root is', () => {
    expect(flightSeconds(40_000, 16_000, 100, F1)).toBe(17_510);
  });
  it.each([
    // d = 2890 (2 systems), v = 6000: 3500·sqrt(4.81667) + 10 = 7691.417 → 7691
    [2890, 6000, 100, 1, 7691],
    // at 50%: 7000·2.19469 + 10 = 15 372.83 → 15 373
    [2890, 6000, 50, 1, 15_373],
    // fleet speed 2: 7691.417 / 2 = 3845.7 → 3846
    [2890, 6000, 100, 2, 3846],
    // a probe in its own system: 3500·sqrt(10·1015/1e8) + 10 = 45.26 → 45
    [1015, 100_000_000, 100, 1, 45],
    // a huge universe speed still takes at least a second
    [5, 100_000_000, 100, 1000, 1],
  ])('d=%d v=%d at %d%% (F=%d) takes %d s', (d, v, pct, f, seconds) => {
    expect(flightSeconds(d, v, pct, { fleetSpeed: f })).toBe(seconds);
  });
  it('rejects a speed setting outside 1..100%', () => {
    expect(() => flightSeconds(1000, 5000, 0, F1)).toThrow(RangeError);
    expect(() => flightSeconds(1000, 5000, 101, F1)).toThrow(RangeError);
    expect(() => flightSeconds(1000, 5000, 55.5, F1)).toThrow(RangeError);
  });
});

describe('fuel', () => {
  it('sums the ship types, each rounded (a hand-checked fleet)', () => {
    // 5 battleships (HD 2 → 16 000) + 3 cruisers (impulse 3 → 24 000) to another galaxy, t = 17 510.
    // battleships: sv = 35000/17500·5 = 10 → 5·500·40000/35000·(10/10+1)² = 11 428.57 → 11 429
    // cruisers: sv = 2·sqrt(16.667) = 8.16497 → 3·300·40000/35000·1.816497² = 3393.94 → 3394
    const ships = { battleship: 5, cruiser: 3 };
    const r = research({ hyperspaceDrive: 2, impulse: 3 });
    expect(fleetFuel(ships, 40_000, 17_510, r, F1)).toBe(11_429 + 3394);
    expect(planFlight(ships, at(1, 1, 1), at(3, 1, 1), 100, r, F1)).toEqual({
      distance: 40_000,
      speed: 16_000,
      durationSeconds: 17_510,
      fuel: 14_823,
      capacity: 5 * 1500 + 3 * 800,
    });
  });

  it.each([
    // 10 small cargo + 2 light fighters (combustion 2), 2 systems: 33.03 → 33 and 8.80 → 9
    [100, 7691, 42],
    // at 50% the same trip burns less: 18.58 → 19 and 5.72 → 6
    [50, 15_373, 25],
  ])('10 small cargo + 2 light fighters at %d%% (t = %d s) burn %d', (pct, seconds, fuel) => {
    const ships = { smallCargo: 10, lightFighter: 2 };
    const r = research({ combustion: 2 });
    expect(fleetFuel(ships, 2890, seconds, r, F1)).toBe(fuel);
    expect(planFlight(ships, at(2, 100, 8), at(2, 102, 8), pct, r, F1)).toMatchObject({ durationSeconds: seconds, fuel, capacity: 50_100 });
  });

  it('a ship type burns at least 1 (one probe next door)', () => {
    expect(fleetFuel({ espionageProbe: 1 }, 1015, 45, research(), F1)).toBe(1);
  });
});
