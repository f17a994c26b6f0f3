import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ErrorCode,
  MAX_QUEUE_LENGTH,
  cancelWithFollowers,
  endInstant,
  hasRoom,
  startInstant as startAt,
  type EventKind,
  type Resources,
} from '@starhold/common';
import { RuleError } from '../../core/errors.js';
import { scheduleEvent, unscheduleEvents } from '../../game/schedule.js';
import { dateOf, dateOrNull, type SqlDate } from '../../db/sql-values.js';
import type { QueueItem, QueueKind } from './queue-item.entity.js';

// Queue items are read and written here in plain SQL (targeted statements, no unit of work): they
// sit on the hottest command path (docs/decisions.md §21). The entity stays for views and for the
// completion handlers, which read and remove their own item.

export const COMPLETE_EVENT = {
  building: 'building.complete',
  research: 'research.complete',
} as const satisfies Record<QueueKind, EventKind>;

export function costOf(q: QueueItem): Resources {
  return { metal: q.costMetal, crystal: q.costCrystal, deuterium: q.costDeuterium };
}

/** A `queue_item` row as `select *` (or `json_agg` of it) returns it through `em.execute`. */
export interface QueueItemRow {
  id: number;
  player_id: number;
  planet_id: number;
  kind: QueueKind;
  target: string;
  level: number;
  cost_metal: string | number;
  cost_crystal: string | number;
  cost_deuterium: string | number;
  queued_at: SqlDate;
  starts_at: SqlDate | null;
  ends_at: SqlDate | null;
}

export function queueItemFromRow(r: QueueItemRow): QueueItem {
  return {
    id: r.id,
    playerId: r.player_id,
    planetId: r.planet_id,
    kind: r.kind,
    target: r.target,
    level: r.level,
    costMetal: Number(r.cost_metal),
    costCrystal: Number(r.cost_crystal),
    costDeuterium: Number(r.cost_deuterium),
    queuedAt: dateOf(r.queued_at),
    startsAt: dateOrNull(r.starts_at),
    endsAt: dateOrNull(r.ends_at),
  };
}

/** A planet's building queue, or a player's research queue, in order. */
export async function loadQueue(em: EntityManager, kind: QueueKind, owner: { planetId: number } | { playerId: number }): Promise<QueueItem[]> {
  const [column, id] = 'planetId' in owner ? ['planet_id', owner.planetId] : ['player_id', owner.playerId];
  const rows = await em.execute<QueueItemRow[]>(`select * from queue_item where ${column} = ? and kind = ? order by id`, [id, kind]);
  return rows.map(queueItemFromRow);
}

export function ensureRoom(queue: QueueItem[]): void {
  if (!hasRoom(queue.length, MAX_QUEUE_LENGTH)) throw new RuleError(ErrorCode.QUEUE_FULL, `The queue holds at most ${MAX_QUEUE_LENGTH} items`);
}

/**
 * Adds a paid item at the end of a queue, in one statement. With `start` (the queue was idle) it
 * starts at once: inserted with its start and end, together with its completion event (the same
 * row scheduleEvent writes).
 */
export async function enqueueItem(
  em: EntityManager,
  item: Omit<QueueItem, 'id' | 'startsAt' | 'endsAt'>,
  start: { seconds: number } | null,
  now: Date,
): Promise<QueueItem> {
  const startsAt = start ? item.queuedAt : null;
  const endsAt = start ? new Date(endInstant(item.queuedAt.getTime(), start.seconds)) : null;
  const rows = await em.execute<{ id: number }[]>(
    `with item as (
       insert into queue_item (player_id, planet_id, kind, target, level, cost_metal, cost_crystal, cost_deuterium, queued_at, starts_at, ends_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id, player_id, planet_id, starts_at, ends_at
     ), completion as (
       insert into scheduled_event (due_at, kind, player_id, planet_id, payload, created_at)
       select ends_at, ?, player_id, planet_id, jsonb_build_object('queueItemId', id), ? from item where starts_at is not null
     )
     select id from item`,
    [
      item.playerId,
      item.planetId,
      item.kind,
      item.target,
      item.level,
      item.costMetal,
      item.costCrystal,
      item.costDeuterium,
      item.queuedAt,
      startsAt,
      endsAt,
      COMPLETE_EVENT[item.kind],
      now,
    ],
  );
  return { ...item, id: Number(rows[0]?.id), startsAt, endsAt };
}

/** When a waiting item starts after the item before it finished at `previousEnd` (the common rule). */
export function startInstant(previousEnd: Date, item: QueueItem): Date {
  return new Date(startAt(previousEnd.getTime(), item.queuedAt.getTime()));
}

/** Starts a waiting `item` at `at` for `seconds` and schedules its completion in the event queue. */
export async function startItem(em: EntityManager, item: QueueItem, at: Date, seconds: number, now: Date): Promise<void> {
  item.startsAt = at;
  item.endsAt = new Date(endInstant(at.getTime(), seconds));
  await em.execute('update queue_item set starts_at = ?, ends_at = ? where id = ?', [item.startsAt, item.endsAt, item.id]);
  await scheduleCompletion(em, item, now);
}

async function scheduleCompletion(em: EntityManager, item: QueueItem, now: Date): Promise<void> {
  if (!item.endsAt) throw new Error(`queue item ${item.id} has not started`);
  await scheduleEvent(
    em,
    {
      kind: COMPLETE_EVENT[item.kind],
      dueAt: item.endsAt,
      playerId: item.playerId,
      planetId: item.planetId,
      payload: { queueItemId: item.id },
    },
    now,
  );
}

/**
 * Removes `item` and every later item of the same target (cancelWithFollowers). Returns the
 * removed items and what is left of the queue; the caller refunds the removed ones. If the running
 * head was removed, its event goes too.
 */
export async function removeWithFollowers(
  em: EntityManager,
  queue: QueueItem[],
  itemId: number,
): Promise<{ removed: QueueItem[]; remaining: QueueItem[]; headRemoved: boolean }> {
  const cancelled = cancelWithFollowers(queue, itemId);
  if (!cancelled) throw new RuleError(ErrorCode.NOT_FOUND, 'Queue item not found');
  const { removed, remaining } = cancelled;
  const headRemoved = removed.some((q) => q.startsAt !== null);
  for (const q of removed) {
    // The completion handlers lock the planet(s) the caller holds, then re-read the item.
    if (q.startsAt !== null) await unscheduleEvents(em, COMPLETE_EVENT[q.kind], { queueItemId: q.id }, { skipLocked: true });
  }
  await em.execute('delete from queue_item where id = any(?::int[])', [`{${removed.map((q) => q.id).join(',')}}`]); // integer ids: an array literal
  return { removed, remaining, headRemoved };
}
