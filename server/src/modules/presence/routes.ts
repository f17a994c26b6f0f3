import type { PresenceList } from '@starhold/common';
import { requireAuth } from '../../http/auth.js';
import type { AppRouter } from '../../http/context.js';
import type { Services } from '../../services.js';
import { presenceFor } from '../../realtime/presence.js';

/** GET /api/v1/presence: players online or away (everyone in the universe may see everyone, for now). */
export function presenceRoutes(router: AppRouter, s: Services): void {
  router.get('/api/v1/presence', requireAuth(s), async (ctx) => {
    const body: PresenceList = { players: await presenceFor(s).list() };
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });
}
