import {
  productionPerHour,
  settleResources,
  storageCaps,
  zeroResearch,
  type EconomyInput,
  type ResearchLevels,
  type Resources,
  type UniverseSettings,
} from '@starhold/common';
import type { Planet } from './planet.entity.js';

export function researchOf(partial: Partial<ResearchLevels>): ResearchLevels {
  return { ...zeroResearch(), ...partial };
}

/** The lucky-wheel multiplier in force at `at` (buffs end exactly at buffEndsAt). */
export function multiplierAt(planet: Planet, at: Date): number {
  return planet.buffEndsAt && at.getTime() < planet.buffEndsAt.getTime() ? planet.productionMultiplier : 1;
}

export function economyInput(planet: Planet, research: ResearchLevels, at: Date): EconomyInput {
  return {
    buildings: planet.buildings,
    temperatureMax: planet.temperatureMax,
    energyTech: research.energy,
    solarSatellites: planet.units.solarSatellite ?? 0,
    productionMultiplier: multiplierAt(planet, at),
  };
}

export function amountsOf(planet: Planet): Resources {
  return { metal: planet.metal, crystal: planet.crystal, deuterium: planet.deuterium };
}

/**
 * Brings the stored amounts of `planet` forward to `to` (exactly, with remainders), splitting
 * the interval at the end of a production buff so no buff is applied one millisecond too long.
 * Mutates the entity; a no-op for `to` at or before settledAt.
 */
export function settlePlanet(planet: Planet, research: ResearchLevels, to: Date, universe: UniverseSettings): void {
  const cuts: Date[] = [];
  if (planet.buffEndsAt && planet.buffEndsAt > planet.settledAt && planet.buffEndsAt < to) cuts.push(planet.buffEndsAt);
  cuts.push(to);
  for (const cut of cuts) {
    const elapsed = cut.getTime() - planet.settledAt.getTime();
    if (elapsed <= 0) continue;
    const rate = productionPerHour(economyInput(planet, research, planet.settledAt), universe).actual;
    const next = settleResources(
      { amounts: amountsOf(planet), remainders: { metal: planet.metalRem, crystal: planet.crystalRem, deuterium: planet.deuteriumRem } },
      rate,
      storageCaps(planet.buildings),
      elapsed,
    );
    planet.metal = next.amounts.metal;
    planet.crystal = next.amounts.crystal;
    planet.deuterium = next.amounts.deuterium;
    planet.metalRem = next.remainders.metal;
    planet.crystalRem = next.remainders.crystal;
    planet.deuteriumRem = next.remainders.deuterium;
    planet.settledAt = cut;
  }
}

export function canAfford(planet: Planet, cost: Resources): boolean {
  return planet.metal >= cost.metal && planet.crystal >= cost.crystal && planet.deuterium >= cost.deuterium;
}

export function spend(planet: Planet, cost: Resources, sign: 1 | -1 = 1): void {
  planet.metal -= sign * cost.metal;
  planet.crystal -= sign * cost.crystal;
  planet.deuterium -= sign * cost.deuterium;
}
