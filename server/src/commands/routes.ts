import { ErrorCode, type CommandOutcome } from '@starhold/common';
import { requireAuth, playerIdOf } from '../http/auth.js';
import type { AppContext, AppRouter } from '../http/context.js';
import { AppError } from '../core/errors.js';
import type { Services } from '../services.js';
import { httpStatusOf, parseEnvelope, runCommand } from './pipeline.js';

export function commandRoutes(router: AppRouter, s: Services): void {
  router.post('/api/v1/commands', requireAuth(s), async (ctx) => {
    const envelope = parseEnvelope(ctx.request.body);
    await s.commandLimits.hit(String(playerIdOf(ctx.state)));
    const outcome = await runCommand(s, s.commands, playerIdOf(ctx.state), envelope);
    ctx.status = httpStatusOf(outcome);
    ctx.body = outcome;
  });
}

/** Answers a convenience route from a command outcome: the result on success, the error otherwise. */
export function respondWithOutcome(ctx: AppContext, outcome: CommandOutcome, successStatus: number, replayed: boolean): void {
  if (replayed) ctx.set('Idempotent-Replayed', 'true');
  if (outcome.status === 'applied') {
    ctx.status = successStatus;
    ctx.body = outcome.result;
    return;
  }
  if (outcome.status === 'rejected') {
    ctx.status = httpStatusOf(outcome);
    ctx.body = { error: outcome.error };
    return;
  }
  throw new AppError(ErrorCode.INTERNAL, `unexpected outcome ${outcome.status}`);
}
