import type { AppRouter } from '../http/context.js';
import type { Services } from '../services.js';
import { installMetrics } from './metrics.js';

/** GET /metrics: Prometheus text format of this server's registry. */
export function metricsRoutes(router: AppRouter, s: Services): void {
  const metrics = installMetrics(s);
  router.get('/metrics', async (ctx) => {
    ctx.set('Content-Type', metrics.registry.contentType);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await metrics.registry.metrics();
  });
}
