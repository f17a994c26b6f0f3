import { z } from 'zod';
import { pathId } from '../../http/params.js';
import { ErrorCode } from '@starhold/common';
import { requireAuth, playerIdOf } from '../../http/auth.js';
import type { AppContext, AppRouter } from '../../http/context.js';
import { parseWith } from '../../core/errors.js';
import type { Services } from '../../services.js';
import { runDirect } from '../../commands/direct.js';
import { respondWithOutcome } from '../../commands/routes.js';
import { StreamBatch } from '../stream/stream.js';
import { rotateSeed } from './seeds.js';
import { transactionWithRetry } from '../../db/retry.js';
import { assertNotBanned } from '../../commands/ban-check.js';
import { wheelHistory, wheelStatus } from './view.js';

export const historyQuery = z
  .object({
    limit: z
      .string()
      .regex(/^[1-9][0-9]{0,2}$/, 'must be a whole number from 1 to 200')
      .transform(Number)
      .pipe(z.number().max(200))
      .default(50),
    before: pathId.optional(),
  })
  .strict();

function idemKey(ctx: AppContext): string | undefined {
  return ctx.get('Idempotency-Key') || undefined;
}

export function wheelRoutes(router: AppRouter, s: Services): void {
  const auth = requireAuth(s);

  router.get('/api/v1/wheel', auth, async (ctx) => {
    ctx.body = await wheelStatus(ctx.state.em, s.settings, playerIdOf(ctx.state), s.clock.now());
  });

  router.post('/api/v1/wheel/spin', auth, async (ctx) => {
    const r = await runDirect(s, s.commands, playerIdOf(ctx.state), 'wheel.spin', ctx.request.body, idemKey(ctx));
    const o = r.outcome;
    if (o.status === 'rejected' && o.error.code === ErrorCode.WHEEL_COOLDOWN) {
      const next = (o.error.details as { nextSpinAt?: string } | undefined)?.nextSpinAt;
      if (next) ctx.set('Retry-After', String(Math.max(1, Math.ceil((Date.parse(next) - s.clock.now().getTime()) / 1000))));
    }
    respondWithOutcome(ctx, o, 200, r.replayed);
  });

  router.post('/api/v1/wheel/rotate-seed', auth, async (ctx) => {
    const playerId = playerIdOf(ctx.state);
    await s.commandLimits.hit(String(playerId)); // every rotation stores a seed: same budget as commands
    let stream = new StreamBatch();
    const body = await transactionWithRetry(s, async (tx) => {
      stream = new StreamBatch(); // a retried attempt starts from nothing
      const now = s.clock.now();
      await assertNotBanned(tx, playerId);
      const { revealed, next } = await rotateSeed(tx, playerId, now);
      const out = { revealedSeed: revealed.serverSeed, commitment: revealed.commitment, nonce: revealed.nonce, newCommitment: next.commitment };
      await stream.append(tx, playerId, 'wheel.seedRotated', out, now);
      return out;
    });
    s.stream.publish(stream.events);
    ctx.body = body;
  });

  router.get('/api/v1/wheel/history', auth, async (ctx) => {
    const q = parseWith(historyQuery, ctx.query);
    ctx.body = await wheelHistory(ctx.state.em, playerIdOf(ctx.state), q);
  });
}
