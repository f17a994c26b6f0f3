import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_UNIVERSE,
  UNITS,
  UNIT_REQUIREMENTS,
  missingRequirements,
  unitBuildSeconds,
  unitCost,
  zeroBuildings,
  zeroResearch,
} from '../index.js';

const S1 = DEFAULT_UNIVERSE;

describe('unit build time: 3600·(M+C) / (2500·(1+shipyard)·2^N·Se), floored, ≥ 1 s', () => {
  it.each([
    ['smallCargo', 2, 0, 1, 1920], // 14 400 000 / 7500
    ['lightFighter', 1, 0, 1, 2880], // 14 400 000 / 5000
    ['espionageProbe', 3, 0, 1, 360], // 3 600 000 / 10 000
    ['solarSatellite', 1, 0, 1, 1440],
    ['rocketLauncher', 6, 0, 1, 411], // 7 200 000 / 17 500 = 411.43
    ['battleship', 7, 1, 1, 5400], // 216 000 000 / 40 000
    ['cruiser', 5, 0, 2, 3240], // economy speed 2 halves it
    ['espionageProbe', 12, 0, 1, 110], // 3 600 000 / 32 500 = 110.77
    ['espionageProbe', 12, 10, 1, 1], // 3 600 000 / 33 280 000 = 0.108 → the 1 s minimum
    ['espionageProbe', 0, 0, 10_000, 1], // at least one second
  ] as const)('%s at shipyard %d, nanite %d, Se %d: %d s', (unit, shipyard, nanite, se, seconds) => {
    expect(unitBuildSeconds(unit, { shipyard, nanite }, { economySpeed: se })).toBe(seconds);
  });
});

describe('unit cost and requirements', () => {
  it('costs count × unit cost', () => {
    expect(unitCost('cruiser', 3)).toEqual({ metal: 60_000, crystal: 21_000, deuterium: 6000 });
    expect(unitCost('solarSatellite')).toEqual({ metal: 0, crystal: 2000, deuterium: 500 });
  });

  it.each([
    ['smallCargo', { buildings: { shipyard: 2 }, research: { combustion: 2 } }],
    ['heavyFighter', { buildings: { shipyard: 3 }, research: { impulse: 2, armour: 2 } }],
    ['cruiser', { buildings: { shipyard: 5 }, research: { ion: 2, impulse: 4 } }],
    ['battleship', { buildings: { shipyard: 7 }, research: { hyperspaceDrive: 4 } }],
    ['recycler', { buildings: { shipyard: 4 }, research: { combustion: 6, shielding: 2 } }],
    ['espionageProbe', { buildings: { shipyard: 3 }, research: { combustion: 3, espionage: 2 } }],
    ['gaussCannon', { buildings: { shipyard: 6 }, research: { energy: 6, weapons: 3, shielding: 1 } }],
    ['plasmaTurret', { buildings: { shipyard: 8 }, research: { plasma: 7 } }],
  ] as const)('%s needs %p', (unit, req) => {
    expect(UNIT_REQUIREMENTS[unit]).toEqual(req);
  });

  it('every unit needs a shipyard and has an entry', () => {
    expect(Object.keys(UNIT_REQUIREMENTS).sort()).toEqual([...UNITS].sort());
    for (const u of UNITS)
      expect(missingRequirements(UNIT_REQUIREMENTS[u], zeroBuildings(), zeroResearch())).toContain(
        `shipyard ${UNIT_REQUIREMENTS[u].buildings?.shipyard}`,
      );
  });

  it('uses the default universe speed', () => expect(unitBuildSeconds('smallCargo', { shipyard: 2, nanite: 0 }, S1)).toBe(1920));
});
