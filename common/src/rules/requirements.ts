import { BUILDINGS, RESEARCH } from './ids.js';
import type { BuildingId, BuildingLevels, ResearchId, ResearchLevels } from './ids.js';

/** Minimum building and research levels needed before something can be started. */
export interface Requirements {
  buildings?: Partial<BuildingLevels>;
  research?: Partial<ResearchLevels>;
}

/** The standard OGame tech tree for buildings (those not listed have no requirement). */
export const BUILDING_REQUIREMENTS: Readonly<Record<BuildingId, Requirements>> = {
  metalMine: {},
  crystalMine: {},
  deuteriumSynthesizer: {},
  solarPlant: {},
  fusionReactor: { buildings: { deuteriumSynthesizer: 5 }, research: { energy: 3 } },
  roboticsFactory: {},
  shipyard: { buildings: { roboticsFactory: 2 } },
  researchLab: {},
  metalStorage: {},
  crystalStorage: {},
  deuteriumTank: {},
  naniteFactory: { buildings: { roboticsFactory: 10 }, research: { computer: 10 } },
  missileSilo: { buildings: { shipyard: 1 } },
};

/** The standard OGame tech tree for research; every research needs a research lab. */
export const RESEARCH_REQUIREMENTS: Readonly<Record<ResearchId, Requirements>> = {
  energy: { buildings: { researchLab: 1 } },
  laser: { buildings: { researchLab: 1 }, research: { energy: 2 } },
  ion: { buildings: { researchLab: 4 }, research: { energy: 4, laser: 5 } },
  hyperspace: { buildings: { researchLab: 7 }, research: { energy: 5, shielding: 5 } },
  plasma: { buildings: { researchLab: 4 }, research: { energy: 8, laser: 10, ion: 5 } },
  combustion: { buildings: { researchLab: 1 }, research: { energy: 1 } },
  impulse: { buildings: { researchLab: 2 }, research: { energy: 1 } },
  hyperspaceDrive: { buildings: { researchLab: 7 }, research: { hyperspace: 3 } },
  espionage: { buildings: { researchLab: 3 } },
  computer: { buildings: { researchLab: 1 } },
  astrophysics: { buildings: { researchLab: 3 }, research: { espionage: 4, impulse: 3 } },
  weapons: { buildings: { researchLab: 4 } },
  shielding: { buildings: { researchLab: 6 }, research: { energy: 3 } },
  armour: { buildings: { researchLab: 2 } },
};

/**
 * The unmet parts of `req` as `"<id> <level>"` strings (buildings first, each group in
 * the canonical order of BUILDINGS / RESEARCH); empty when every requirement is met.
 */
export function missingRequirements(req: Requirements, buildings: BuildingLevels, research: ResearchLevels): string[] {
  const missing: string[] = [];
  for (const id of BUILDINGS) {
    const need = req.buildings?.[id];
    if (need !== undefined && buildings[id] < need) missing.push(`${id} ${need}`);
  }
  for (const id of RESEARCH) {
    const need = req.research?.[id];
    if (need !== undefined && research[id] < need) missing.push(`${id} ${need}`);
  }
  return missing;
}
