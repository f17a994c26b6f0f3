import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode } from '@starhold/common';
import { RuleError } from '../../http/errors.js';
import { PlanetSchema, type Planet } from './planet.entity.js';
import { PlayerSchema } from '../players/player.entity.js';
import { researchOf, settlePlanet } from './economy.js';
import { settleHorizon } from '../../game/schedule.js';
import type { Services } from '../../services.js';

/**
 * Locks a planet of this player (SELECT … FOR UPDATE) and settles its resources up to `now`
 * (or up to the first already-due, not yet applied event for it). Another player's planet is
 * NOT_FOUND, exactly like a missing one. Lock order everywhere: planets (by id), then player.
 */
export async function lockOwnPlanet(em: EntityManager, s: Services, playerId: number, planetId: number, now: Date): Promise<Planet> {
  const planet = await em.findOne(PlanetSchema, { id: planetId, playerId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!planet) throw new RuleError(ErrorCode.NOT_FOUND, 'Planet not found');
  const player = await em.findOneOrFail(PlayerSchema, { id: playerId }, { fields: ['research'] });
  settlePlanet(planet, researchOf(player.research), await settleHorizon(em, planetId, now), s.universe);
  return planet;
}

/** Locks a planet by id for an event handler and settles it at the event's due instant. */
export async function lockPlanetAt(em: EntityManager, s: Services, planetId: number, at: Date): Promise<Planet | null> {
  const planet = await em.findOne(PlanetSchema, { id: planetId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!planet) return null;
  const player = await em.findOneOrFail(PlayerSchema, { id: planet.playerId }, { fields: ['research'] });
  settlePlanet(planet, researchOf(player.research), at, s.universe);
  return planet;
}

/**
 * Locks every planet of a player in id order (the order the research completion uses) and settles
 * each like lockOwnPlanet. For commands that touch the player-wide research queue, whose items
 * were paid on different planets.
 */
export async function lockAllOwnPlanets(em: EntityManager, s: Services, playerId: number, now: Date): Promise<Planet[]> {
  const planets = await em.find(PlanetSchema, { playerId }, { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  const player = await em.findOneOrFail(PlayerSchema, { id: playerId }, { fields: ['research'] });
  for (const planet of planets) settlePlanet(planet, researchOf(player.research), await settleHorizon(em, planet.id, now), s.universe);
  return planets;
}
