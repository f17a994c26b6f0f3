/**
 * Identifiers of everything the economy rules know about. Each list is an `as const`
 * tuple so the union type, runtime iteration and validation share one source.
 */

export const BUILDINGS = [
  'metalMine',
  'crystalMine',
  'deuteriumSynthesizer',
  'solarPlant',
  'fusionReactor',
  'roboticsFactory',
  'shipyard',
  'researchLab',
  'metalStorage',
  'crystalStorage',
  'deuteriumTank',
  'naniteFactory',
  'missileSilo',
] as const;
export type BuildingId = (typeof BUILDINGS)[number];
export type BuildingLevels = Record<BuildingId, number>;

export const RESEARCH = [
  'energy',
  'laser',
  'ion',
  'hyperspace',
  'plasma',
  'combustion',
  'impulse',
  'hyperspaceDrive',
  'espionage',
  'computer',
  'astrophysics',
  'weapons',
  'shielding',
  'armour',
] as const;
export type ResearchId = (typeof RESEARCH)[number];
export type ResearchLevels = Record<ResearchId, number>;

export const RESOURCES = ['metal', 'crystal', 'deuterium'] as const;
export type ResourceId = (typeof RESOURCES)[number];

export interface Resources {
  metal: number;
  crystal: number;
  deuterium: number;
}

function zeroRecord<K extends string>(keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of keys) out[k] = 0;
  return out;
}

/** A fresh record with every building at level 0 (a new object on every call). */
export function zeroBuildings(): BuildingLevels {
  return zeroRecord(BUILDINGS);
}

/** A fresh record with every research at level 0 (a new object on every call). */
export function zeroResearch(): ResearchLevels {
  return zeroRecord(RESEARCH);
}

const BUILDING_SET: ReadonlySet<string> = new Set(BUILDINGS);
const RESEARCH_SET: ReadonlySet<string> = new Set(RESEARCH);
const RESOURCE_SET: ReadonlySet<string> = new Set(RESOURCES);

export function isBuildingId(x: string): x is BuildingId {
  return BUILDING_SET.has(x);
}

export function isResearchId(x: string): x is ResearchId {
  return RESEARCH_SET.has(x);
}

export function isResourceId(x: string): x is ResourceId {
  return RESOURCE_SET.has(x);
}
