import { AsyncLocalStorage } from 'node:async_hooks';

/** The lock ranks, in the one order a transaction may take them (docs/decisions.md, "One lock order"). */
export const LOCK_RANKS = ['advisory', 'event', 'planet', 'fleet', 'debris', 'player', 'refreshToken'] as const;
export type LockRank = (typeof LOCK_RANKS)[number];

interface Trail {
  rank: number;
  key: number;
  held: Set<string>;
}

const scope = new AsyncLocalStorage<Trail>();

/**
 * Whether lock helpers check the order at run time. On in tests (jest sets NODE_ENV=test) and
 * with STARHOLD_CHECK_LOCK_ORDER=1; off in production (it costs a Set per transaction).
 */
const checking = process.env.NODE_ENV === 'test' || process.env.STARHOLD_CHECK_LOCK_ORDER === '1';

export class LockOrderError extends Error {
  override readonly name = 'LockOrderError';
}

/**
 * Runs `fn` as one lock scope (one transaction attempt, or one tick event): lock helpers called
 * inside it must go up the rank order, and ascending keys within a rank. Re-locking a held row is fine.
 */
export function withLockScope<T>(fn: () => Promise<T>, after: LockRank | undefined = undefined): Promise<T> {
  if (!checking) return fn();
  return scope.run({ rank: after === undefined ? -1 : LOCK_RANKS.indexOf(after), key: Number.NEGATIVE_INFINITY, held: new Set() }, fn);
}

/** Records a lock about to be taken; throws LockOrderError (tests only) when it breaks the order. */
export function noteLock(rank: LockRank, key: number): void {
  const trail = checking ? scope.getStore() : undefined;
  if (!trail) return;
  const id = `${rank}:${key}`;
  if (trail.held.has(id)) return;
  const r = LOCK_RANKS.indexOf(rank);
  if (r < trail.rank || (r === trail.rank && key < trail.key)) {
    throw new LockOrderError(`lock order broken: ${id} after ${LOCK_RANKS[trail.rank] ?? '?'}:${trail.key} (docs/decisions.md, "One lock order")`);
  }
  trail.rank = r;
  trail.key = key;
  trail.held.add(id);
}
