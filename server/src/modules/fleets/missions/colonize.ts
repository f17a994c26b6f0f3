import { maxPlanets } from '@starhold/common';
import { createColony } from '../../galaxy/colonies.js';
import { researchOf } from '../../planets/economy.js';
import { PlanetSchema } from '../../planets/planet.entity.js';
import { planetSummary } from '../../planets/view.js';
import { lockPlayer } from '../../../db/locks.js';
import { compactCounts } from '../../shipyard/units.js';
import { NO_RESOURCES, cargoOf, setCargo } from '../cargo.js';
import { targetOf } from '../view.js';
import type { Arrival, ArrivalResult } from './types.js';

/**
 * Colonize: if the position is still free and astrophysics still allows another planet, the
 * colony ship becomes a new planet that receives the cargo; escorts fly home empty. Otherwise the
 * whole fleet, cargo included, flies home.
 */
export async function colonize({ ctx, fleet }: Arrival): Promise<ArrivalResult> {
  const { em, event, settings: s } = ctx;
  // The player row serializes planet counting (lock order: planets, fleets, then players).
  const player = await lockPlayer(em, fleet.playerId);
  const owned = await em.count(PlanetSchema, { playerId: fleet.playerId });
  if (owned >= maxPlanets(researchOf(player.research).astrophysics)) {
    return { outcome: { mission: 'colonize', planetId: null, reason: 'planetLimit' }, returns: true, notices: [] };
  }
  const planetId = await createColony(em, fleet.playerId, targetOf(fleet), cargoOf(fleet), s.universe, event.dueAt);
  if (planetId === null) return { outcome: { mission: 'colonize', planetId: null, reason: 'positionTaken' }, returns: true, notices: [] };
  setCargo(fleet, NO_RESOURCES);
  fleet.ships = compactCounts({ ...fleet.ships, colonyShip: (fleet.ships.colonyShip ?? 0) - 1 });
  fleet.targetPlanetId = planetId;
  const planet = await em.findOneOrFail(PlanetSchema, { id: planetId }, { refresh: true });
  return {
    outcome: { mission: 'colonize', planetId, reason: null },
    returns: Object.keys(fleet.ships).length > 0,
    notices: [{ playerId: fleet.playerId, type: 'planet.colonized', data: { fleetId: fleet.id, planet: planetSummary(planet) } }],
  };
}
