import { energyReport, levelGrowth } from './energy.js';
import type { EconomyInput, EnergyReport } from './energy.js';
import type { Resources } from './ids.js';
import { floorOf, fromNumber, mul, ratio, sub } from './rational.js';
import type { Ratio } from './rational.js';
import type { UniverseSettings } from './universe.js';
import { positiveRatio } from './validate.js';

// The production picture also needs energy and storage; re-exported here because the
// public contract names `production.ts` as their home.
export {
  buildingEnergyConsumption,
  energyReport,
  fusionReactorEnergy,
  productionFactor,
  solarPlantEnergy,
  solarSatelliteEnergy,
  upgradeEnergyImpact,
} from './energy.js';
export type { EconomyInput, EnergyReport } from './energy.js';
export { storageCapacity, storageCaps } from './storage.js';

export interface ProductionReport {
  /** Per-hour rates at p = 100 % (buff included), deuterium net of fusion burn. */
  theoretical: Resources;
  /** Per-hour rates now: `base + mines`, deuterium net of fusion burn (may be negative). */
  actual: Resources;
  /** Base income, scaled only by the economy speed. */
  base: Resources;
  /** Actual mine output only (after factor and buff). */
  mines: Resources;
  fusionDeuteriumPerHour: number;
  energy: EnergyReport;
}

/** Mine output per hour before economy speed, factor and buff: `k · L · 1.1^L`. */
function rawMineOutput(i: EconomyInput): Record<keyof Resources, Ratio> {
  const b = i.buildings;
  // 1.44 − 0.004 · Tavg with Tavg = Tmax − 20; never below 0 on impossibly hot planets.
  const tAvg = sub(fromNumber(i.temperatureMax), ratio(20));
  const heat = sub(ratio(144, 100), mul(ratio(4, 1000), tAvg));
  const heatFactor = heat.n < 0n ? ratio(0) : heat;
  return {
    metal: mul(ratio(30), levelGrowth(b.metalMine)),
    crystal: mul(ratio(20), levelGrowth(b.crystalMine)),
    deuterium: mul(ratio(10), levelGrowth(b.deuteriumSynthesizer), heatFactor),
  };
}

function floorEach(r: Record<keyof Resources, Ratio>, ...factors: Ratio[]): Resources {
  return {
    metal: floorOf(mul(r.metal, ...factors)),
    crystal: floorOf(mul(r.crystal, ...factors)),
    deuterium: floorOf(mul(r.deuterium, ...factors)),
  };
}

function withBase(base: Resources, mines: Resources, burn: number): Resources {
  return {
    metal: base.metal + mines.metal,
    crystal: base.crystal + mines.crystal,
    deuterium: base.deuterium + mines.deuterium - burn,
  };
}

/**
 * Hourly production of a planet. Every mine's output is
 * `floor(k · L · 1.1^L · Se · p · buff)`; base income is `floor(30 · Se)` metal and
 * `floor(15 · Se)` crystal; the fusion reactor burns `floor(10 · L · 1.1^L · Se)`
 * deuterium. All rates are integers; `actual.deuterium` may be negative (the settle
 * layer stops amounts at 0).
 */
export function productionPerHour(i: EconomyInput, s: UniverseSettings): ProductionReport {
  const se = positiveRatio(s.economySpeed, 'economySpeed');
  const buff = positiveRatio(i.productionMultiplier ?? 1, 'productionMultiplier');
  const energy = energyReport(i, s);
  const raw = rawMineOutput(i);
  const base = { metal: floorOf(mul(ratio(30), se)), crystal: floorOf(mul(ratio(15), se)), deuterium: 0 };
  const mines = floorEach(raw, se, buff, ratio(energy.factor, 100));
  const full = floorEach(raw, se, buff);
  const fusionDeuteriumPerHour = floorOf(mul(ratio(10), levelGrowth(i.buildings.fusionReactor), se));
  return {
    theoretical: withBase(base, full, fusionDeuteriumPerHour),
    actual: withBase(base, mines, fusionDeuteriumPerHour),
    base,
    mines,
    fusionDeuteriumPerHour,
    energy,
  };
}
