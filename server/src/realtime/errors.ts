import { ErrorCode, type ErrorBody } from '@starhold/common';
import type { Logger } from '../logger.js';
import { AppError } from '../http/errors.js';
import { isTransientDbError } from '../db/transient.js';
import { isRetryableTxError } from '../db/retry.js';

/** The same mapping as the HTTP error middleware, for socket acks and connect errors. */
export function errorBodyOf(e: unknown, logger: Logger, context: Record<string, unknown> = {}): ErrorBody {
  if (e instanceof AppError) return e.toBody();
  if (isTransientDbError(e) || isRetryableTxError(e)) return { code: ErrorCode.SERVICE_UNAVAILABLE, message: 'The database is unavailable; try again shortly' };
  logger.error({ err: e, ...context }, 'unhandled socket error');
  return { code: ErrorCode.INTERNAL, message: 'Internal server error' };
}
