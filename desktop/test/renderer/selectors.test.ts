import { describe, expect, it } from '@jest/globals';
import { buildingCost, productionPerHour, DEFAULT_UNIVERSE, zeroBuildings, zeroResearch, type BuildingLevels } from '@starhold/common';
import { rootReducer, type RootState } from '../../src/renderer/app/store.js';
import { selectView, universeOf } from '../../src/renderer/features/planet/selectors.js';
import { energySummary, energyColour, upgradeImpact } from '../../src/renderer/features/energy/selectors.js';
import { buildingRows, formatDuration, progressOf } from '../../src/renderer/features/buildings/selectors.js';
import { planetLoaded } from '../../src/renderer/features/planet/planetSlice.js';
import { outboxChanged } from '../../src/renderer/features/outbox/outboxSlice.js';
import { signedIn } from '../../src/renderer/features/session/sessionSlice.js';
import type { PlanetView } from '@starhold/common';
import { resourcesAt } from '../../src/renderer/sync/extrapolate.js';
import { T0, command, iso, planetView, queueItem } from './factories.js';

/** A planet view whose production and energy are what the server would compute. */
function economicPlanet(levels: Partial<BuildingLevels>, tMax = 50): PlanetView {
  const buildings = { ...zeroBuildings(), ...levels };
  const u = { ...DEFAULT_UNIVERSE, economySpeed: 2 };
  const p = productionPerHour({ buildings, temperatureMax: tMax, energyTech: 0, solarSatellites: 0 }, u);
  return planetView({
    buildingLevels: levels,
    temperature: { min: tMax - 40, max: tMax },
    production: {
      perHour: p.actual,
      actual: p.actual,
      theoretical: p.theoretical,
      base: p.base,
      mines: p.mines,
      fusionDeuteriumPerHour: p.fusionDeuteriumPerHour,
      multiplier: 1,
    },
    energy: { produced: p.energy.produced, consumed: p.energy.consumed, balance: p.energy.balance, factor: p.energy.factor },
  });
}

function state(view: PlanetView, pending = [] as ReturnType<typeof command>[]): RootState {
  let s = rootReducer(undefined, { type: 'init' });
  s = rootReducer(s, signedIn({ player: { id: 1, username: 'a' }, planetId: view.id }));
  s = rootReducer(s, planetLoaded({ view, clientNow: Date.parse(view.at) }));
  return rootReducer(s, outboxChanged(pending));
}

describe('selectView', () => {
  it("counts resources up from the server's instant at the server's rate", () => {
    const s = state(planetView()); // 30 metal/h, 15 crystal/h
    const v = selectView(s, T0 + 3_600_000);
    expect(v.planets[1]!.resources).toEqual({ metal: 530, crystal: 515, deuterium: 0 });
  });

  it('stops at the storage cap', () => {
    const s = state(planetView({ resources: { metal: 9990, crystal: 0, deuterium: 0 } }));
    expect(selectView(s, T0 + 10 * 3_600_000).planets[1]!.resources.metal).toBe(10_000);
  });

  it('takes pending commands off the counted-up amounts', () => {
    const s = state(planetView(), [command(1, 'buildings.upgrade', { planetId: 1, building: 'metalMine' })]);
    const v = selectView(s, T0 + 3_600_000);
    expect(v.planets[1]!.resources.metal).toBe(530 - buildingCost('metalMine', 1).metal);
    expect(v.pending).toHaveLength(1);
  });

  it('is memoized within a second', () => {
    const s = state(planetView());
    expect(selectView(s, T0 + 1000)).toBe(selectView(s, T0 + 1999));
  });

  it("matches the server's own settle for the same interval", () => {
    const p = economicPlanet({ metalMine: 5, solarPlant: 5 });
    expect(resourcesAt(p, T0 + 123_457)).toEqual({
      metal: 500 + Math.floor((p.production!.actual.metal * 123_457) / 3_600_000),
      crystal: 500 + Math.floor((p.production!.actual.crystal * 123_457) / 3_600_000),
      deuterium: 0,
    });
  });
});

describe('energy selectors', () => {
  it.each([
    [5, 'surplus'],
    [0, 'balanced'],
    [-1, 'deficit'],
  ] as const)('balance %i is %s', (b, c) => {
    expect(energyColour(b)).toBe(c);
  });

  it("splits theoretical and actual production per mine from the server's numbers", () => {
    const p = economicPlanet({ metalMine: 4, crystalMine: 3, deuteriumSynthesizer: 2, solarPlant: 3 });
    const e = energySummary(p)!;
    expect(e.factor).toBeLessThan(100);
    expect(e.colour).toBe('deficit');
    const metal = e.mines.find((m) => m.id === 'metalMine')!;
    expect(metal.theoretical).toBe(p.production!.theoretical.metal - p.production!.base.metal);
    expect(metal.actual).toBe(p.production!.mines.metal);
    expect(metal.actual).toBeLessThan(metal.theoretical);
  });

  it('an upgrade that adds consumption beyond production warns (the factor drops)', () => {
    const p = economicPlanet({ metalMine: 1, solarPlant: 1 });
    const mine = upgradeImpact(p, zeroResearch(), 'metalMine');
    expect(mine.energyDelta).toBeLessThan(0);
    expect(mine.drops).toBe(true);
    const solar = upgradeImpact(p, zeroResearch(), 'solarPlant');
    expect(solar).toMatchObject({ drops: false, factorAfter: 100 });
    expect(solar.energyDelta).toBeGreaterThan(0);
    expect(upgradeImpact(p, zeroResearch(), 'shipyard')).toMatchObject({ energyDelta: 0, drops: false });
  });

  it('reads the economy speed from the base income', () => {
    expect(universeOf(economicPlanet({})).economySpeed).toBe(2);
    expect(universeOf(undefined)).toBe(DEFAULT_UNIVERSE);
  });
});

describe('building rows', () => {
  it('price the level after everything queued and judge affordability on the view', () => {
    const p = {
      ...planetView({ buildingLevels: { metalMine: 1 } }),
      queues: { building: [queueItem({ target: 'metalMine', level: 2 })], shipyard: [] },
    };
    const row = buildingRows(p, zeroResearch()).find((r) => r.id === 'metalMine')!;
    expect(row).toMatchObject({ level: 1, nextLevel: 3, cost: buildingCost('metalMine', 3) });
    expect(row.affordable).toBe(true);
    const fusion = buildingRows(p, zeroResearch()).find((r) => r.id === 'fusionReactor')!;
    expect(fusion.missing).toEqual(['deuteriumSynthesizer 5', 'energy 3']);
  });

  it('progress and countdown', () => {
    const q = queueItem({ startsAt: iso(T0), endsAt: iso(T0 + 10_000) });
    expect(progressOf(q, T0 + 2500)).toBe(0.25);
    expect(progressOf(q, T0 + 20_000)).toBe(1);
    expect(progressOf(queueItem({ startsAt: null, endsAt: null }), T0)).toBe(0);
    expect([formatDuration(5), formatDuration(65), formatDuration(3723)]).toEqual(['5s', '1m 05s', '1h 02m 03s']);
  });
});
