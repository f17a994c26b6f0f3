import type { BuildingId, BuildingLevels } from './ids.js';
import { ceilOf, floorOf, fromNumber, mul, pow, ratio } from './rational.js';
import type { Ratio } from './rational.js';
import type { UniverseSettings } from './universe.js';
import { assertLevel } from './validate.js';

/** What the economy of one planet depends on (besides the universe settings). */
export interface EconomyInput {
  buildings: BuildingLevels;
  temperatureMax: number;
  energyTech: number;
  solarSatellites: number;
  /** Active lucky-wheel buff on mine output; default 1. */
  productionMultiplier?: number;
}

export interface EnergyReport {
  produced: number;
  consumed: number;
  balance: number;
  /** Production factor, integer percent 0..100. */
  factor: number;
}

const GROWTH = ratio(11, 10);

/** `L · f^L` exactly (f = 1.1 unless given). */
export function levelGrowth(level: number, factor: Ratio = GROWTH): Ratio {
  assertLevel(level);
  return mul(ratio(level), pow(factor, level));
}

/** Solar plant: `floor(20 · L · 1.1^L)`. */
export function solarPlantEnergy(level: number): number {
  return floorOf(mul(ratio(20), levelGrowth(level)));
}

/** Fusion reactor: `floor(30 · L · (1.05 + 0.01 · energyTech)^L)`. */
export function fusionReactorEnergy(level: number, energyTech: number): number {
  assertLevel(energyTech, 'energyTech');
  return floorOf(mul(ratio(30), levelGrowth(level, ratio(105 + energyTech, 100))));
}

/** One solar satellite: `floor((Tmax + 140) / 6)`, never negative. */
export function solarSatelliteEnergy(temperatureMax: number): number {
  return Math.max(0, floorOf(mul(fromNumber(temperatureMax + 140), ratio(1, 6))));
}

const CONSUMPTION: Partial<Record<BuildingId, number>> = {
  metalMine: 10,
  crystalMine: 10,
  deuteriumSynthesizer: 20,
};

/** Energy a building uses at `level`: `ceil(k · L · 1.1^L)` for the mines, else 0. */
export function buildingEnergyConsumption(b: BuildingId, level: number): number {
  const k = CONSUMPTION[b];
  return k === undefined ? 0 : ceilOf(mul(ratio(k), levelGrowth(level)));
}

/** `clamp(floor(100 · produced / consumed), 0, 100)`, and 100 when nothing consumes. */
export function productionFactor(produced: number, consumed: number): number {
  if (consumed <= 0) return 100;
  return Math.min(100, Math.max(0, Math.floor((100 * produced) / consumed)));
}

/**
 * Energy produced (solar plant + fusion reactor + satellites), consumed (mines) and the
 * production factor. Energy is not scaled by the economy speed, so `_s` is unused; it
 * stays in the signature so callers need not know that.
 */
export function energyReport(i: EconomyInput, _s: UniverseSettings): EnergyReport {
  assertLevel(i.solarSatellites, 'solarSatellites');
  const b = i.buildings;
  const produced =
    solarPlantEnergy(b.solarPlant) + fusionReactorEnergy(b.fusionReactor, i.energyTech) + i.solarSatellites * solarSatelliteEnergy(i.temperatureMax);
  const consumed =
    buildingEnergyConsumption('metalMine', b.metalMine) +
    buildingEnergyConsumption('crystalMine', b.crystalMine) +
    buildingEnergyConsumption('deuteriumSynthesizer', b.deuteriumSynthesizer);
  return { produced, consumed, balance: produced - consumed, factor: productionFactor(produced, consumed) };
}

/**
 * What upgrading `b` by one level would do to the energy balance and the production
 * factor (for the energy panel). `energyDelta` is 0 for buildings without energy use.
 */
export function upgradeEnergyImpact(
  i: EconomyInput,
  b: BuildingId,
  s: UniverseSettings,
): { energyDelta: number; factorAfter: number; factorBefore: number } {
  const before = energyReport(i, s);
  const buildings = { ...i.buildings, [b]: i.buildings[b] + 1 };
  const after = energyReport({ ...i, buildings }, s);
  return { energyDelta: after.balance - before.balance, factorAfter: after.factor, factorBefore: before.factor };
}
