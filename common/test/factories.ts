import { DEFAULT_UNIVERSE, zeroBuildings } from '../src/index.js';
import type { BuildingLevels, EconomyInput, UniverseSettings } from '../src/index.js';

/** A universe with default settings, overridden where given. */
export function universe(overrides: Partial<UniverseSettings> = {}): UniverseSettings {
  return { ...DEFAULT_UNIVERSE, startResources: { ...DEFAULT_UNIVERSE.startResources }, ...overrides };
}

/** All buildings at 0 except the given levels. */
export function buildings(levels: Partial<BuildingLevels> = {}): BuildingLevels {
  return { ...zeroBuildings(), ...levels };
}

/** A planet economy: no buildings, Tmax 40 °C, no energy tech, no satellites. */
export function economy(overrides: Partial<Omit<EconomyInput, 'buildings'>> & { buildings?: Partial<BuildingLevels> } = {}): EconomyInput {
  const { buildings: levels, ...rest } = overrides;
  return { temperatureMax: 40, energyTech: 0, solarSatellites: 0, ...rest, buildings: buildings(levels) };
}

/** Pairs two equally long tables row by row (throws if a table row is missing). */
export function zip<A, B>(as: readonly A[], bs: readonly B[]): [A, B][] {
  if (as.length !== bs.length) throw new Error(`zip: ${as.length} vs ${bs.length} rows`);
  // The length check above makes every `bs[i]` defined.
  return as.map((a, i) => [a, bs[i] as B]);
}
