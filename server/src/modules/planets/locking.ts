import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, type ResearchLevels } from '@starhold/common';
import { RuleError } from '../../core/errors.js';
import { dateOf, type SqlDate } from '../../db/sql-values.js';
import type { Planet } from './planet.entity.js';
import { planetFromRow, type PlanetRow } from './planet-row.js';
import { lockPlanetRow, lockPlanets, lockPlanetsOf } from '../../db/locks.js';
import { PlayerSchema } from '../players/player.entity.js';
import { researchOf, settlePlanet } from './economy.js';
import { settleHorizon } from '../../game/schedule.js';
import type { QueueItem } from '../queues/queue-item.entity.js';
import { queueItemFromRow, type QueueItemRow } from '../queues/queue.js';
import type { GameSettings } from '../../core/settings.js';

/**
 * Locks a planet of this player (db/locks.ts) and settles its resources up to `now`
 * (or up to the first already-due, not yet applied event for it). Another player's planet is
 * NOT_FOUND, exactly like a missing one. Lock order everywhere: db/locks.ts (planets before players).
 */
export async function lockOwnPlanet(
  em: EntityManager,
  s: Pick<GameSettings, 'universe'>,
  playerId: number,
  planetId: number,
  now: Date,
): Promise<Planet> {
  const [planet] = await lockPlanets(em, [planetId], playerId);
  if (!planet) throw new RuleError(ErrorCode.NOT_FOUND, 'Planet not found');
  const { research, horizon } = await settleInputs(em, playerId, planetId, now);
  settlePlanet(planet, research, horizon, s.universe);
  return planet;
}

/**
 * lockOwnPlanet in plain SQL for the building commands (the hottest command path): two statements,
 * the lock and one read after it that also returns the planet's building queue. The planet is a
 * plain object, not in the unit of work: the caller writes what it changes (saveResources).
 */
export async function lockOwnPlanetForBuilding(
  em: EntityManager,
  s: Pick<GameSettings, 'universe'>,
  playerId: number,
  planetId: number,
  now: Date,
): Promise<{ planet: Planet; research: ResearchLevels; queue: QueueItem[] }> {
  const row = await lockPlanetRow<PlanetRow>(em, planetId, playerId);
  if (!row) throw new RuleError(ErrorCode.NOT_FOUND, 'Planet not found');
  const planet = planetFromRow(row);
  const { research, horizon, queue } = await settleInputs(em, playerId, planetId, now, true);
  settlePlanet(planet, research, horizon, s.universe);
  return { planet, research, queue };
}

/**
 * What settling a locked planet needs, in one statement: the owner's research levels and the
 * instant up to which a request may settle it (settleHorizon, game/schedule.ts); with
 * `buildingQueue`, the planet's building queue too. Read after the lock, so whatever a research
 * completion, a due event or another command committed while we waited for it is seen.
 */
async function settleInputs(
  em: EntityManager,
  playerId: number,
  planetId: number,
  now: Date,
  buildingQueue = false,
): Promise<{ research: ResearchLevels; horizon: Date; queue: QueueItem[] }> {
  const rows = await em.execute<{ research: Partial<ResearchLevels> | null; due: SqlDate | null; queue?: QueueItemRow[] }[]>(
    `select (select research from player where id = ?) as research,
            (select min(due_at) from scheduled_event where planet_id = ? and due_at <= ? and failed_at is null) as due
            ${buildingQueue ? `, (select coalesce(json_agg(q order by q.id), '[]') from queue_item q where q.planet_id = ? and q.kind = 'building') as queue` : ''}`,
    buildingQueue ? [playerId, planetId, now, planetId] : [playerId, planetId, now],
  );
  const row = rows[0];
  if (!row?.research) throw new Error(`player ${playerId} not found`);
  const due = row.due === null ? null : dateOf(row.due);
  return {
    research: researchOf(row.research),
    horizon: due && due.getTime() < now.getTime() ? due : now,
    queue: (row.queue ?? []).map(queueItemFromRow),
  };
}

/** Locks a planet by id for an event handler and settles it at the event's due instant. */
export async function lockPlanetAt(em: EntityManager, s: Pick<GameSettings, 'universe'>, planetId: number, at: Date): Promise<Planet | null> {
  const [planet] = await lockPlanets(em, [planetId]);
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
export async function lockAllOwnPlanets(em: EntityManager, s: Pick<GameSettings, 'universe'>, playerId: number, now: Date): Promise<Planet[]> {
  const planets = await lockPlanetsOf(em, playerId);
  const player = await em.findOneOrFail(PlayerSchema, { id: playerId }, { fields: ['research'] });
  for (const planet of planets) settlePlanet(planet, researchOf(player.research), await settleHorizon(em, planet.id, now), s.universe);
  return planets;
}
