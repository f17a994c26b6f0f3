/**
 * Mission rules that are not movement (rules.md, "Fleets"): which missions exist, what an
 * espionage report shows, how many planets astrophysics allows and how recyclers fill up.
 */

export const MISSIONS = ['transport', 'deploy', 'attack', 'espionage', 'recycle', 'colonize'] as const;
export type MissionId = (typeof MISSIONS)[number];

/** Missions after which the fleet flies home (deploy stays; colonize keeps its colony ship). */
export function missionReturns(m: MissionId): boolean {
  return m !== 'deploy';
}

/** Sections of an espionage report, in the order they unlock. */
export const ESPIONAGE_SECTIONS = ['resources', 'fleet', 'defense', 'buildings', 'research'] as const;
export type EspionageSection = (typeof ESPIONAGE_SECTIONS)[number];

/** Effective probe count needed for each section (resources are always seen). */
const SECTION_THRESHOLD: Readonly<Record<EspionageSection, number>> = { resources: -Infinity, fleet: 2, defense: 3, buildings: 5, research: 7 };

function level(x: number, what: string): void {
  if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`${what} must be a non-negative integer, got ${x}`);
}

/**
 * What arriving probes see (the classic OGame rule): with `Δ = spyTech − targetTech`, the
 * effective probe count is `probes + Δ·|Δ|` (each level of advantage is worth Δ² probes, each level
 * of disadvantage costs Δ²). Resources are always seen; the fleet from 2 effective probes, the
 * defense from 3, the buildings from 5 and the research from 7. With equal tech: 1 probe shows the
 * resources, 2 add the fleet, 3 the defense, 5 the buildings and 7 the research.
 */
export function espionageSections(probes: number, spyTech: number, targetTech: number): { effective: number; sections: EspionageSection[] } {
  level(probes, 'probes');
  level(spyTech, 'spyTech');
  level(targetTech, 'targetTech');
  const diff = spyTech - targetTech;
  const effective = probes + diff * Math.abs(diff);
  return { effective, sections: ESPIONAGE_SECTIONS.filter((s) => effective >= SECTION_THRESHOLD[s]) };
}

/** Planets a player may own (home planet included): `1 + ceil(astrophysics / 2)`. */
export function maxPlanets(astrophysics: number): number {
  level(astrophysics, 'astrophysics');
  return 1 + Math.ceil(astrophysics / 2);
}

/**
 * What recyclers with `capacity` pick up from a debris field: half the capacity for metal and
 * half for crystal, then whatever one of them leaves unused goes to the other. So the total is
 * `min(capacity, metal + crystal)` and an even field is collected evenly.
 */
export function collectDebris(debris: { metal: number; crystal: number }, capacity: number): { metal: number; crystal: number } {
  for (const [k, v] of [
    ['metal', debris.metal],
    ['crystal', debris.crystal],
    ['capacity', capacity],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${k} must be a non-negative integer, got ${v}`);
  }
  const half = Math.floor(capacity / 2);
  let metal = Math.min(debris.metal, half);
  const crystal = Math.min(debris.crystal, capacity - metal);
  metal += Math.min(debris.metal - metal, capacity - metal - crystal);
  return { metal, crystal };
}
