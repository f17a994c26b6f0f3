import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, maxPlanets, type Coordinates, type MissionId, type ResearchLevels, type UnitCounts } from '@starhold/common';
import { RuleError } from '../../core/errors.js';
import { PlanetSchema, type Planet } from '../planets/planet.entity.js';

/** The planet at some coordinates, if any (not locked: only its owner and id are used). */
export async function planetAt(em: EntityManager, c: Coordinates): Promise<Planet | null> {
  return em.findOne(PlanetSchema, { galaxy: c.galaxy, system: c.system, position: c.position }, { refresh: true });
}

const where = (c: Coordinates) => `${c.galaxy}:${c.system}:${c.position}`;

function invalidTarget(message: string): RuleError {
  return new RuleError(ErrorCode.INVALID_TARGET, message);
}

function invalidMission(message: string): RuleError {
  return new RuleError(ErrorCode.INVALID_MISSION, message);
}

/** Missions whose ships may carry resources there (the others fly with an empty hold). */
export function carriesCargo(m: MissionId): boolean {
  return m === 'transport' || m === 'deploy' || m === 'colonize';
}

export interface MissionCheck {
  playerId: number;
  origin: Planet;
  ships: UnitCounts;
  mission: MissionId;
  coords: Coordinates;
  /** The planet at `coords`, if any. */
  target: Planet | null;
  research: ResearchLevels;
}

/** Whether the mission is possible against this target with these ships (at dispatch). */
export async function checkMission(em: EntityManager, c: MissionCheck): Promise<void> {
  const { target, mission } = c;
  if (target?.id === c.origin.id && mission !== 'recycle') throw invalidTarget('A fleet cannot fly to the planet it starts from');
  const needPlanet = () => {
    if (!target) throw invalidTarget(`There is no planet at ${where(c.coords)}`);
    return target;
  };
  switch (mission) {
    case 'transport':
      needPlanet();
      return;
    case 'deploy':
      if (needPlanet().playerId !== c.playerId) throw invalidTarget('Ships can only be deployed to your own planets');
      return;
    case 'attack':
      if (needPlanet().playerId === c.playerId) throw invalidTarget('You cannot attack your own planet');
      return;
    case 'espionage':
      if (needPlanet().playerId === c.playerId) throw invalidTarget('You cannot spy on your own planet');
      if (Object.keys(c.ships).some((s) => s !== 'espionageProbe')) throw invalidMission('Only espionage probes can spy');
      return;
    case 'recycle':
      if (!c.ships.recycler) throw invalidMission('Recycling needs at least one recycler');
      return;
    case 'colonize': {
      if (!c.ships.colonyShip) throw invalidMission('Colonizing needs a colony ship');
      if (target) throw invalidTarget(`${where(c.coords)} is already taken`);
      const owned = await em.count(PlanetSchema, { playerId: c.playerId });
      const max = maxPlanets(c.research.astrophysics);
      if (owned >= max)
        throw new RuleError(ErrorCode.TOO_MANY_PLANETS, `Astrophysics ${c.research.astrophysics} allows ${max} planets`, { max, owned });
    }
  }
}
