import { ErrorCode } from '@starhold/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../core/errors.js';
import { isRetryableTxError } from './transient.js';

export { isRetryableTxError };
import type { Logger } from '../logger.js';
import type { Orm } from './orm.js';
import { withLockScope } from './lock-order.js';

/** Attempts of one transaction before a conflict is answered 503 (with Retry-After). */
export const TX_ATTEMPTS = 5;

/** Small jittered exponential backoff: ~5, 10, 20, 40 ms, each scaled by a random factor in [0.5, 1.5). */
function backoffMs(attempt: number): number {
  return 5 * 2 ** (attempt - 1) * (0.5 + Math.random());
}

export interface TxRetryOptions {
  attempts?: number;
  /** Called before each retry (metrics, tests). */
  onRetry?: (attempt: number, e: unknown) => void;
}

/**
 * Runs `fn` in a transaction on a fresh fork, again (on a new fork, after a short jittered wait)
 * when PostgreSQL rolled it back for a deadlock or a serialization failure. Each attempt is one
 * lock-order scope. Everything `fn` wrote is undone by the rollback (the command cursor claim
 * included), so a retried command still applies exactly once. After the last attempt the
 * conflict becomes 503 SERVICE_UNAVAILABLE, never a 500. `fn` must not have effects outside the
 * transaction (publish after commit, from the caller).
 */
export async function transactionWithRetry<T>(
  s: { orm: Orm; logger: Logger },
  fn: (tx: EntityManager) => Promise<T>,
  opts: TxRetryOptions = {},
): Promise<T> {
  const attempts = opts.attempts ?? TX_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await withLockScope(() => s.orm.em.fork().transactional(fn));
    } catch (e) {
      if (!isRetryableTxError(e)) throw e;
      if (attempt >= attempts) {
        s.logger.warn({ err: e, attempts }, 'transaction conflict persisted after retries; answering 503');
        throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The database is busy; try again shortly');
      }
      opts.onRetry?.(attempt, e);
      s.logger.debug({ err: e, attempt }, 'transaction conflict; retrying');
      await new Promise((r) => setTimeout(r, backoffMs(attempt)));
    }
  }
}
