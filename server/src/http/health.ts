import type { AppRouter } from './context.js';
import type { Services } from '../services.js';

const startedAt = Date.now();

export function healthRoutes(router: AppRouter, s: Services): void {
  router.get('/api/v1/health', async (ctx) => {
    let db: 'ok' | 'unreachable' = 'ok';
    try {
      await s.orm.em.getConnection().execute('select 1');
    } catch {
      db = 'unreachable';
    }
    ctx.status = db === 'ok' ? 200 : 503;
    // An embedded PostgreSQL that died is restarted by the server (db/supervisor.ts): come back soon.
    if (db !== 'ok') ctx.set('Retry-After', '5');
    ctx.body = {
      status: db === 'ok' ? 'ok' : 'degraded',
      db,
      node: s.nodeId,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      time: s.clock.now().toISOString(),
    };
  });
}
