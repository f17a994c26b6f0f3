import { upgradeEnergyImpact, zeroResearch, type BuildingId, type EconomyInput, type ResearchLevels } from '@starhold/common';
import type { PlanetView } from '@starhold/common';
import { universeOf } from '../planet/selectors.js';

export type EnergyColour = 'surplus' | 'balanced' | 'deficit';

export interface MineLine {
  id: 'metalMine' | 'crystalMine' | 'deuteriumSynthesizer';
  label: string;
  theoretical: number;
  actual: number;
}

export interface EnergySummary {
  produced: number;
  consumed: number;
  balance: number;
  factor: number;
  colour: EnergyColour;
  mines: MineLine[];
}

export function energyColour(balance: number): EnergyColour {
  return balance > 0 ? 'surplus' : balance < 0 ? 'deficit' : 'balanced';
}

/**
 * The Energy panel's numbers, all as the server reported them: per mine, theoretical output is
 * the full-factor rate minus base income (deuterium: plus the fusion burn), actual is the mine's
 * output after the production factor.
 */
export function energySummary(p: PlanetView | undefined): EnergySummary | null {
  if (!p?.energy || !p.production) return null;
  const { theoretical, base, mines, fusionDeuteriumPerHour } = p.production;
  return {
    ...p.energy,
    colour: energyColour(p.energy.balance),
    mines: [
      { id: 'metalMine', label: 'Metal mine', theoretical: theoretical.metal - base.metal, actual: mines.metal },
      { id: 'crystalMine', label: 'Crystal mine', theoretical: theoretical.crystal - base.crystal, actual: mines.crystal },
      {
        id: 'deuteriumSynthesizer',
        label: 'Deuterium synthesizer',
        theoretical: theoretical.deuterium - base.deuterium + fusionDeuteriumPerHour,
        actual: mines.deuterium,
      },
    ],
  };
}

export function economyInputOf(p: PlanetView, research: ResearchLevels | undefined): EconomyInput {
  return {
    buildings: p.buildings,
    temperatureMax: p.temperature?.max ?? 0,
    energyTech: (research ?? zeroResearch()).energy,
    solarSatellites: p.units.solarSatellite ?? 0,
  };
}

export interface UpgradeImpact {
  energyDelta: number;
  factorBefore: number;
  factorAfter: number;
  /** The upgrade lowers the production factor: ask before doing it. */
  drops: boolean;
}

/**
 * What upgrading `b` one level (from the levels the planet has now) does to energy and the
 * production factor, with the same `common` rule the server uses.
 */
export function upgradeImpact(p: PlanetView, research: ResearchLevels | undefined, b: BuildingId): UpgradeImpact {
  const r = upgradeEnergyImpact(economyInputOf(p, research), b, universeOf(p));
  return { ...r, drops: r.factorAfter < r.factorBefore };
}
