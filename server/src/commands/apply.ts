import type { EntityManager } from '@mikro-orm/postgresql';
import type { ErrorBody } from '@starhold/common';
import { AppError } from '../core/errors.js';
import type { CommandContext, RegisteredHandler } from './registry.js';

/**
 * Runs a handler in the caller's transaction. A rule rejection (an AppError below 500) becomes an
 * answer and leaves no write behind: undone by a savepoint around the handler, or, for a handler
 * that rejects before writing, by dropping what it loaded into the unit of work so the commit's
 * flush writes nothing of it. Anything else is thrown (the caller's transaction rolls back).
 */
export async function applyHandler(
  tx: EntityManager,
  handler: RegisteredHandler,
  ctx: Omit<CommandContext, 'em'>,
  payload: unknown,
): Promise<{ result: unknown } | { error: ErrorBody }> {
  try {
    const result = handler.rejectsBeforeWriting
      ? await handler.run({ ...ctx, em: tx }, payload as never)
      : await tx.transactional((inner) => handler.run({ ...ctx, em: inner }, payload as never));
    return { result: result ?? null };
  } catch (e) {
    if (!(e instanceof AppError) || e.status >= 500) throw e;
    if (handler.rejectsBeforeWriting) tx.clear();
    ctx.stream.events.length = 0; // no stream event of a rejected command is committed
    return { error: e.toBody() };
  }
}
