import { ErrorCode, errorStatus, type ErrorBody } from '@starhold/common';
import type { z } from 'zod';
import { isRetryableTxError, isTransientDbError } from '../db/transient.js';

/**
 * A domain or client error with a stable code. It carries only the code, a message for people and
 * optional details; its HTTP status is the code's row in `ERROR_TABLE` (common/src/protocol/errors.ts).
 * `headers` are hints for REST answers (`Retry-After`, `WWW-Authenticate`); sockets ignore them.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
  /** The code's HTTP status, from the one table. */
  get status(): number {
    return errorStatus(this.code);
  }
  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** A game rule said no (not enough resources, queue full…): a final answer for a command. */
export class RuleError extends AppError {
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(code, message, details);
    this.name = 'RuleError';
  }
}

export const notFound = (what = 'Resource'): AppError => new AppError(ErrorCode.NOT_FOUND, `${what} not found`);

export function validationError(error: z.ZodError): AppError {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  const message = first ? `${first.path || 'body'}: ${first.message}` : 'Invalid input';
  return new AppError(ErrorCode.VALIDATION_FAILED, message, { issues });
}

export function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(r.error);
  return r.data;
}

/**
 * What a failure means for a client, for REST and socket alike: an AppError as it is, a transient
 * database failure as 503 SERVICE_UNAVAILABLE; undefined for anything else (a bug: log it, answer INTERNAL).
 */
export function knownError(e: unknown): AppError | undefined {
  if (e instanceof AppError) return e;
  if (isTransientDbError(e) || isRetryableTxError(e))
    return new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The database is unavailable; try again shortly');
  return undefined;
}
