// Queue rules shared by the server (which enforces them) and the client (whose offline view applies
// them to pending commands): the level a queued item reaches, the 5-item limits, cancelling with
// followers, and when each item starts and ends. Instants are epoch milliseconds.
import { buildingTimeSeconds } from './costs.js';
import { isBuildingId, type BuildingLevels } from './ids.js';
import type { UniverseSettings } from './universe.js';

/** Items a planet's building queue, or a player's research queue, holds at once (the running one included). */
export const MAX_QUEUE_LENGTH = 5;
/** Orders a planet's shipyard holds at once (the running one included). */
export const MAX_SHIPYARD_ORDERS = 5;

/** What the level rules need of a queue item. */
export interface QueuedLevel {
  target: string;
  level: number;
}

/**
 * The level `target` has once everything queued is done: the current level plus its queued items,
 * i.e. the highest queued level of that target (each queued level is the one before + 1).
 */
export function queuedLevel(current: number, queue: readonly QueuedLevel[], target: string): number {
  return queue.reduce((lvl, q) => (q.target === target ? Math.max(lvl, q.level) : lvl), current);
}

/** `queuedLevel` for every target of `levels` (building or research levels); items of other targets are ignored. */
export function queuedLevels<L extends Record<string, number>>(levels: L, queue: readonly QueuedLevel[]): L {
  const out: Record<string, number> = { ...levels };
  for (const q of queue) if (q.target in out) out[q.target] = Math.max(out[q.target] ?? 0, q.level);
  return out as L;
}

/** Whether a queue holding `length` items takes one more. */
export function hasRoom(length: number, limit: number = MAX_QUEUE_LENGTH): boolean {
  return length < limit;
}

/**
 * Cancelling an item cancels it and every later item of the same target, whose levels build on it
 * (docs/decisions.md §6). Null when `itemId` is not in the queue.
 */
export function cancelWithFollowers<T extends { id: number; target: string }>(
  queue: readonly T[],
  itemId: number,
): { removed: T[]; remaining: T[] } | null {
  const idx = queue.findIndex((q) => q.id === itemId);
  const item = queue[idx];
  if (!item) return null;
  const removed = queue.filter((q, i) => i >= idx && q.target === item.target);
  return { removed, remaining: queue.filter((q) => !removed.includes(q)) };
}

/**
 * When a waiting item starts after the item before it ended at `previousEnd`: then, or when it was
 * queued if that was later (an idle queue starts an item at once; an item queued while the finished
 * one's event was due but not yet applied starts when it was queued).
 */
export function startInstant(previousEnd: number, queuedAt: number): number {
  return Math.max(previousEnd, queuedAt);
}

/** When an item started at `start` that takes `seconds` ends. */
export function endInstant(start: number, seconds: number): number {
  return start + seconds * 1000;
}

/** An item's instants as the server reported them (null while it waits). */
export interface TimedItem {
  queuedAt: number;
  startsAt: number | null;
  endsAt: number | null;
}

/**
 * Start and end of every item of a queue, in order: a started item keeps its own instants; a waiting
 * one starts when the one before it ends (startInstant; the first one when it was queued) and lasts
 * `secondsOf(index)` (the build or research time it will get when it starts).
 */
export function queueTimeline(items: readonly TimedItem[], secondsOf: (index: number) => number): { startsAt: number; endsAt: number }[] {
  const out: { startsAt: number; endsAt: number }[] = [];
  let previousEnd = Number.NEGATIVE_INFINITY;
  items.forEach((q, i) => {
    const startsAt = q.startsAt ?? startInstant(previousEnd, q.queuedAt);
    const endsAt = q.startsAt !== null && q.endsAt !== null ? q.endsAt : endInstant(startsAt, secondsOf(i));
    out.push({ startsAt, endsAt });
    previousEnd = endsAt;
  });
  return out;
}

/** How many items of a timeline are still queued at `at` (an item is done at its end instant). */
export function itemsLeftAt(timeline: readonly { endsAt: number }[], at: number): number {
  return timeline.filter((t) => t.endsAt > at).length;
}

/**
 * Build time of each item of a planet's building queue when it starts: with the robotics and
 * nanite levels the items before it leave (the server times an item when the one before completes).
 */
export function buildingQueueSeconds(levels: BuildingLevels, queue: readonly QueuedLevel[], u: UniverseSettings): number[] {
  return queue.map((q, i) => {
    const before = queuedLevels(levels, queue.slice(0, i));
    return isBuildingId(q.target) ? buildingTimeSeconds(q.target, q.level, { robotics: before.roboticsFactory, nanite: before.naniteFactory }, u) : 0;
  });
}
