import type { EntityManager } from '@mikro-orm/postgresql';
import type { Coordinates } from '@starhold/common';
import { FleetSchema, type Fleet } from '../modules/fleets/fleet.entity.js';
import { PlanetSchema, type Planet } from '../modules/planets/planet.entity.js';
import { PlayerSchema, type Player } from '../modules/players/player.entity.js';
import { RefreshTokenSchema, type RefreshToken } from '../modules/auth/refresh-token.entity.js';
import { noteLock } from './lock-order.js';

/**
 * Every row lock and advisory lock of the server is taken here (test/db/lock-sites.test.ts fails
 * on one anywhere else), in ONE order (docs/decisions.md, "One lock order"):
 *
 *   advisory (idempotency key) → scheduled event (tick claim; SKIP LOCKED elsewhere) →
 *   planets (ascending id) → fleets (ascending id) → debris fields → players (ascending id,
 *   including the stream counter update) → refresh tokens
 *
 * Rows whose key never changes are locked FOR NO KEY UPDATE, which does not conflict with the
 * FOR KEY SHARE that PostgreSQL takes on a row that an inserted foreign key points to (a command's
 * cursor, log and stream rows all point to the player; queue items and fleets to planets).
 * In tests each helper also checks the order at run time (lock-order.ts).
 */
export { withLockScope, noteLock } from './lock-order.js';

/** Locks some planets, ascending id; with `ownerId`, only that player's. Mapped into `em`, settled by nobody. */
export async function lockPlanets(em: EntityManager, ids: readonly number[], ownerId?: number): Promise<Planet[]> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  for (const id of sorted) noteLock('planet', id);
  const rows = await em.execute<Record<string, unknown>[]>(
    `select * from planet where id = any(?::int[])${ownerId === undefined ? '' : ' and player_id = ?'} order by id for no key update`,
    ownerId === undefined ? [`{${sorted.join(',')}}`] : [`{${sorted.join(',')}}`, ownerId],
  );
  return rows.map((r) => em.map(PlanetSchema, r));
}

/** Locks one planet of `playerId` as a plain row (the building commands' hot path); undefined if not theirs. */
export async function lockPlanetRow<Row extends object>(em: EntityManager, planetId: number, playerId: number): Promise<Row | undefined> {
  noteLock('planet', planetId);
  const rows = await em.execute<Row[]>('select * from planet where id = ? and player_id = ? for no key update', [planetId, playerId]);
  return rows[0];
}

/** Locks every planet of a player, ascending id (the research queue is player-wide). */
export async function lockPlanetsOf(em: EntityManager, playerId: number): Promise<Planet[]> {
  const rows = await em.execute<Record<string, unknown>[]>('select * from planet where player_id = ? order by id for no key update', [playerId]);
  for (const r of rows) noteLock('planet', Number(r.id));
  return rows.map((r) => em.map(PlanetSchema, r));
}

/** Locks a fleet (optionally only the given player's). */
export async function lockFleet(em: EntityManager, fleetId: number, playerId?: number): Promise<Fleet | null> {
  noteLock('fleet', fleetId);
  const rows = await em.execute<Record<string, unknown>[]>(
    `select * from fleet where id = ?${playerId === undefined ? '' : ' and player_id = ?'} for no key update`,
    playerId === undefined ? [fleetId] : [fleetId, playerId],
  );
  return rows[0] ? em.map(FleetSchema, rows[0]) : null;
}

/** Locks the debris field at `c` (a field row is deleted when emptied, so FOR UPDATE). */
export async function lockDebrisField(em: EntityManager, c: Coordinates): Promise<{ metal: string; crystal: string } | undefined> {
  noteLock('debris', c.galaxy * 1e6 + c.system * 100 + c.position);
  const rows = await em.execute<{ metal: string; crystal: string }[]>(
    'select metal, crystal from debris_field where galaxy = ? and system = ? and position = ? for update',
    [c.galaxy, c.system, c.position],
  );
  return rows[0];
}

/** Locks a player row (serializes research levels, wheel spins, planet counting); null if there is none. */
export async function lockPlayerIfExists(em: EntityManager, playerId: number): Promise<Player | null> {
  noteLock('player', playerId);
  const rows = await em.execute<Record<string, unknown>[]>('select * from player where id = ? for no key update', [playerId]);
  return rows[0] ? em.map(PlayerSchema, rows[0]) : null;
}

/** lockPlayerIfExists for a player that must exist (the acting player, a fleet's owner). */
export async function lockPlayer(em: EntityManager, playerId: number): Promise<Player> {
  const player = await lockPlayerIfExists(em, playerId);
  if (!player) throw new Error(`player ${playerId} not found`);
  return player;
}

/** Locks a refresh token row by hash (a concurrent use of the same token waits, then sees it used). */
export async function lockRefreshToken(em: EntityManager, tokenHash: string): Promise<RefreshToken | null> {
  noteLock('refreshToken', 0);
  const rows = await em.execute<Record<string, unknown>[]>('select * from refresh_token where token_hash = ? for update', [tokenHash]);
  return rows[0] ? em.map(RefreshTokenSchema, rows[0]) : null;
}

/** Serializes uses of one Idempotency-Key of one player (the transaction's first lock). */
export async function lockIdempotencyKey(em: EntityManager, key: string, playerId: number): Promise<void> {
  noteLock('advisory', 0);
  await em.execute('select pg_advisory_xact_lock(hashtext(?), ?)', [key, playerId]);
}

/** A transaction-level advisory lock for maintenance batches; false when another node holds it. */
export async function tryBatchLock(em: EntityManager, key: number): Promise<boolean> {
  const rows = await em.execute<{ ok: boolean }[]>('select pg_try_advisory_xact_lock(?) as ok', [key]);
  return rows[0]?.ok === true;
}

/** Session-level advisory lock of a leader (tick, scheduled backups), on its own `pg` connection ($1 = key). */
export const TRY_SESSION_LOCK_SQL = 'select pg_try_advisory_lock($1) as ok';

/** The scheduled-event claims of the tick (never wait: SKIP LOCKED), and the resume of a backed-off event. */
export const EVENT_LOCKS = {
  /** Appended to a `select … order by due_at, id limit 1`. */
  claimNext: 'for update skip locked',
  /** The event a previous batch backed off from: waited for, the batch's first lock. */
  resume: 'for update',
  /** Rows of events a command removes: skip one the tick holds (see unscheduleEvents). */
  skipLocked: 'for update skip locked',
  /** Events a caller removes while no other lock is held (an admin command). */
  wait: 'for update',
  /** Parked events an admin retries or drops (the query joins the player: lock only `e`). */
  parked: 'for update of e',
} as const;
