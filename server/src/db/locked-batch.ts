import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices as Services } from '../core/services.js';
import { tryBatchLock } from './locks.js';

/**
 * Runs one batch of maintenance work (e.g. a pruning delete) in its own short transaction, under
 * a transaction-level advisory lock so that one node at a time does it. Returns `null` when another
 * node holds the lock or when `signal` is aborted (a stopping server starts no further batch).
 */
export async function inLockedBatch<T>(
  s: Services,
  lockKey: number,
  signal: AbortSignal | undefined,
  batch: (tx: EntityManager) => Promise<T>,
): Promise<T | null> {
  if (signal?.aborted) return null;
  return s.orm.em.fork().transactional(async (tx) => {
    return (await tryBatchLock(tx, lockKey)) ? batch(tx) : null;
  });
}
