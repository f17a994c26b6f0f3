import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, type Resources } from '@starhold/common';
import { RuleError } from '../../http/errors.js';
import { scheduleEvent, unscheduleEvents } from '../../game/schedule.js';
import { QueueItemSchema, type QueueItem, type QueueKind } from './queue-item.entity.js';

export const MAX_QUEUE_LENGTH = 5;

export const COMPLETE_EVENT: Record<QueueKind, string> = {
  building: 'building.complete',
  research: 'research.complete',
};

export function costOf(q: QueueItem): Resources {
  return { metal: q.costMetal, crystal: q.costCrystal, deuterium: q.costDeuterium };
}

/** A planet's building queue, or a player's research queue, in order. */
export async function loadQueue(em: EntityManager, kind: QueueKind, owner: { planetId: number } | { playerId: number }): Promise<QueueItem[]> {
  const where = 'planetId' in owner ? { kind, planetId: owner.planetId } : { kind, playerId: owner.playerId };
  return em.find(QueueItemSchema, where, { orderBy: { id: 'asc' }, refresh: true });
}

export function ensureRoom(queue: QueueItem[]): void {
  if (queue.length >= MAX_QUEUE_LENGTH) throw new RuleError(ErrorCode.QUEUE_FULL, `The queue holds at most ${MAX_QUEUE_LENGTH} items`);
}

/**
 * When a waiting item starts after the item before it finished at `previousEnd`: then, or when it
 * was queued if that was later (queued while the finished item's event was due but not yet applied).
 */
export function startInstant(previousEnd: Date, item: QueueItem): Date {
  return item.queuedAt.getTime() > previousEnd.getTime() ? item.queuedAt : previousEnd;
}

/** Starts `item` at `at` for `seconds` and schedules its completion in the event queue. */
export async function startItem(em: EntityManager, item: QueueItem, at: Date, seconds: number, now: Date): Promise<void> {
  item.startsAt = at;
  item.endsAt = new Date(at.getTime() + seconds * 1000);
  await em.flush();
  await scheduleEvent(em, {
    kind: COMPLETE_EVENT[item.kind], dueAt: item.endsAt, playerId: item.playerId, planetId: item.planetId, payload: { queueItemId: item.id },
  }, now);
}

/**
 * Removes `item` and every later item of the same target (their levels build on it). Returns the
 * removed items; the caller refunds them. If the running head was removed, its event goes too.
 */
export async function removeWithFollowers(em: EntityManager, queue: QueueItem[], itemId: number): Promise<{ removed: QueueItem[]; headRemoved: boolean }> {
  const idx = queue.findIndex((q) => q.id === itemId);
  const item = queue[idx];
  if (!item) throw new RuleError(ErrorCode.NOT_FOUND, 'Queue item not found');
  const removed = queue.filter((q, i) => i >= idx && q.target === item.target);
  const headRemoved = removed.some((q) => q.startsAt !== null);
  for (const q of removed) {
    // The completion handlers lock the planet(s) the caller holds, then re-read the item.
    if (q.startsAt !== null) await unscheduleEvents(em, COMPLETE_EVENT[q.kind], { queueItemId: q.id }, { skipLocked: true });
    em.remove(q);
  }
  await em.flush();
  return { removed, headRemoved };
}
