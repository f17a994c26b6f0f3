import { ErrorCode, type ErrorBody } from '@starhold/common';
import type { Logger } from '../logger.js';
import { knownError } from '../core/errors.js';

/** The same mapping as the HTTP error middleware, for socket acks and connect errors. */
export function errorBodyOf(e: unknown, logger: Logger, context: Record<string, unknown> = {}): ErrorBody {
  const known = knownError(e);
  if (known) return known.toBody();
  logger.error({ err: e, ...context }, 'unhandled socket error');
  return { code: ErrorCode.INTERNAL, message: 'Internal server error' };
}
