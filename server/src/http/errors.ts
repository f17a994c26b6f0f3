import { ErrorCode, type ErrorBody } from '@starhold/common';
import type { z } from 'zod';

/** A domain or client error with a stable code; the error middleware turns it into JSON. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
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
    super(409, code, message, details);
    this.name = 'RuleError';
  }
}

export const notFound = (what = 'Resource'): AppError => new AppError(404, ErrorCode.NOT_FOUND, `${what} not found`);

export function validationError(error: z.ZodError): AppError {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  const message = first ? `${first.path || 'body'}: ${first.message}` : 'Invalid input';
  return new AppError(400, ErrorCode.VALIDATION_FAILED, message, { issues });
}

export function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(r.error);
  return r.data;
}
