import type { EntityManager } from '@mikro-orm/postgresql';
import { EVENT_LOCKS } from '../db/locks.js';
import { checkEventPayload, type AnyEventKind, type EventPayloadOf } from '../core/contracts.js';

/** An event to schedule: a kind of `scheduledEventSchemas` (common) with its payload. */
export interface ScheduleInput<K extends AnyEventKind = AnyEventKind> {
  kind: K;
  dueAt: Date;
  playerId?: number | null;
  planetId?: number | null;
  payload: EventPayloadOf<K>;
}

/**
 * Adds an event to the one time-ordered queue, in the caller's transaction. Returns its id.
 * Under test the payload is parsed against its contract first (a mismatch throws `ContractViolation`).
 */
export async function scheduleEvent<K extends AnyEventKind>(em: EntityManager, e: ScheduleInput<K>, now: Date): Promise<number> {
  checkEventPayload(e.kind, e.payload);
  const rows = await em.execute<{ id: string | number }[]>(
    `insert into scheduled_event (due_at, kind, player_id, planet_id, payload, created_at)
     values (?, ?, ?, ?, ?::jsonb, ?) returning id`,
    [e.dueAt, e.kind, e.playerId ?? null, e.planetId ?? null, JSON.stringify(e.payload), now],
  );
  return Number(rows[0]?.id);
}

export interface UnscheduleOptions {
  /**
   * Leave alone an event the tick is applying right now (its row is locked). Safe only when the
   * caller holds the lock the event's handler takes first (e.g. the planet) and the handler re-reads
   * under that lock what the caller removes, so it finds nothing and does nothing. Waiting instead
   * would deadlock: the tick holds the event row and waits for the caller's planet.
   */
  skipLocked?: boolean;
}

/** Removes scheduled events matching a kind and a payload subset (e.g. a cancelled queue item). */
export async function unscheduleEvents<K extends AnyEventKind>(
  em: EntityManager,
  kind: K,
  match: Partial<EventPayloadOf<K>>,
  opts: UnscheduleOptions = {},
): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    `delete from scheduled_event where id in (
       select id from scheduled_event where kind = ? and payload @> ?::jsonb ${opts.skipLocked ? EVENT_LOCKS.skipLocked : EVENT_LOCKS.wait}
     ) returning id`,
    [kind, JSON.stringify(match)],
  );
  return rows.length;
}

/**
 * The instant up to which a planet may be settled by a request: never past an event for this
 * planet that is already due but not yet applied by the tick, so production changes take effect
 * exactly at the event's instant even when the tick lags.
 */
export async function settleHorizon(em: EntityManager, planetId: number, now: Date): Promise<Date> {
  const rows = await em.execute<{ due: Date | null }[]>(
    'select min(due_at) as due from scheduled_event where planet_id = ? and due_at <= ? and failed_at is null',
    [planetId, now],
  );
  const due = rows[0]?.due;
  return due ? new Date(Math.min(new Date(due).getTime(), now.getTime())) : now;
}
