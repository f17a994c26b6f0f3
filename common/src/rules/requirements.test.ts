import { describe, expect, it } from '@jest/globals';
import { BUILDINGS, BUILDING_REQUIREMENTS, RESEARCH, RESEARCH_REQUIREMENTS, missingRequirements, zeroBuildings, zeroResearch } from '../index.js';
import type { Requirements } from '../index.js';
import { buildings } from '../../test/factories.js';

describe('requirement tables (standard tech tree)', () => {
  it.each([
    ['fusionReactor', { buildings: { deuteriumSynthesizer: 5 }, research: { energy: 3 } }],
    ['shipyard', { buildings: { roboticsFactory: 2 } }],
    ['naniteFactory', { buildings: { roboticsFactory: 10 }, research: { computer: 10 } }],
    ['missileSilo', { buildings: { shipyard: 1 } }],
    ['metalMine', {}],
    ['researchLab', {}],
  ] as const)('building %s needs %p', (id, req) => {
    expect(BUILDING_REQUIREMENTS[id]).toEqual(req);
  });

  it.each([
    ['energy', { buildings: { researchLab: 1 } }],
    ['laser', { buildings: { researchLab: 1 }, research: { energy: 2 } }],
    ['ion', { buildings: { researchLab: 4 }, research: { energy: 4, laser: 5 } }],
    ['hyperspace', { buildings: { researchLab: 7 }, research: { energy: 5, shielding: 5 } }],
    ['plasma', { buildings: { researchLab: 4 }, research: { energy: 8, laser: 10, ion: 5 } }],
    ['combustion', { buildings: { researchLab: 1 }, research: { energy: 1 } }],
    ['impulse', { buildings: { researchLab: 2 }, research: { energy: 1 } }],
    ['hyperspaceDrive', { buildings: { researchLab: 7 }, research: { hyperspace: 3 } }],
    ['espionage', { buildings: { researchLab: 3 } }],
    ['computer', { buildings: { researchLab: 1 } }],
    ['astrophysics', { buildings: { researchLab: 3 }, research: { espionage: 4, impulse: 3 } }],
    ['weapons', { buildings: { researchLab: 4 } }],
    ['shielding', { buildings: { researchLab: 6 }, research: { energy: 3 } }],
    ['armour', { buildings: { researchLab: 2 } }],
  ] as const)('research %s needs %p', (id, req) => {
    expect(RESEARCH_REQUIREMENTS[id]).toEqual(req);
  });

  it('has an entry for every building and research', () => {
    expect(Object.keys(BUILDING_REQUIREMENTS).sort()).toEqual([...BUILDINGS].sort());
    expect(Object.keys(RESEARCH_REQUIREMENTS).sort()).toEqual([...RESEARCH].sort());
  });

  it('every research needs a research lab', () => {
    for (const r of RESEARCH) expect(RESEARCH_REQUIREMENTS[r].buildings?.researchLab).toBeGreaterThanOrEqual(1);
  });

  it('is acyclic, so everything is reachable from a fresh planet', () => {
    const table = new Map<string, Requirements>([...Object.entries(BUILDING_REQUIREMENTS), ...Object.entries(RESEARCH_REQUIREMENTS)]);
    const reqOf = (id: string): Requirements => table.get(id) ?? {};
    const done = new Set<string>();
    const visiting = new Set<string>();
    const visit = (id: string): void => {
      if (done.has(id)) return;
      expect(visiting.has(id)).toBe(false);
      visiting.add(id);
      const req = reqOf(id);
      for (const dep of [...Object.keys(req.buildings ?? {}), ...Object.keys(req.research ?? {})]) visit(dep);
      visiting.delete(id);
      done.add(id);
    };
    for (const id of [...BUILDINGS, ...RESEARCH]) visit(id);
    expect(done.size).toBe(BUILDINGS.length + RESEARCH.length);
  });
});

describe('missingRequirements', () => {
  it('is empty for a building without requirements', () => {
    expect(missingRequirements(BUILDING_REQUIREMENTS.metalMine, zeroBuildings(), zeroResearch())).toEqual([]);
  });

  it('lists what is missing as "<id> <level>", buildings first', () => {
    expect(missingRequirements(RESEARCH_REQUIREMENTS.energy, zeroBuildings(), zeroResearch())).toEqual(['researchLab 1']);
    expect(missingRequirements(BUILDING_REQUIREMENTS.fusionReactor, zeroBuildings(), zeroResearch())).toEqual(['deuteriumSynthesizer 5', 'energy 3']);
    expect(
      missingRequirements(RESEARCH_REQUIREMENTS.plasma, buildings({ researchLab: 4 }), {
        ...zeroResearch(),
        energy: 8,
        laser: 9,
      }),
    ).toEqual(['laser 10', 'ion 5']);
  });

  it('is met at exactly the required level and above', () => {
    const b = buildings({ deuteriumSynthesizer: 5 });
    expect(missingRequirements(BUILDING_REQUIREMENTS.fusionReactor, b, { ...zeroResearch(), energy: 3 })).toEqual([]);
    expect(
      missingRequirements(BUILDING_REQUIREMENTS.fusionReactor, buildings({ deuteriumSynthesizer: 9 }), {
        ...zeroResearch(),
        energy: 4,
      }),
    ).toEqual([]);
    expect(
      missingRequirements(BUILDING_REQUIREMENTS.fusionReactor, buildings({ deuteriumSynthesizer: 4 }), {
        ...zeroResearch(),
        energy: 3,
      }),
    ).toEqual(['deuteriumSynthesizer 5']);
  });
});
