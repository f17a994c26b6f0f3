import { createHash, timingSafeEqual } from 'node:crypto';
import { ErrorCode } from '@starhold/common';
import type { AppRouter } from '../http/context.js';
import { AppError } from '../core/errors.js';
import type { Services } from '../services.js';
import { installMetrics } from './metrics.js';

const digest = (v: string): Buffer => createHash('sha256').update(v).digest();

/** Whether an Authorization header carries the metrics token (compared in constant time). */
export function metricsAuthorized(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1] !== undefined && timingSafeEqual(digest(m[1]), digest(token));
}

/** GET /metrics: Prometheus text format of this server's registry (behind STARHOLD_METRICS_TOKEN when set). */
export function metricsRoutes(router: AppRouter, s: Services): void {
  const metrics = installMetrics(s);
  const token = s.config.metricsToken;
  router.get('/metrics', async (ctx) => {
    if (token !== undefined && !metricsAuthorized(ctx.get('Authorization'), token)) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'This server protects /metrics: send Authorization: Bearer <STARHOLD_METRICS_TOKEN>', undefined, {
        'WWW-Authenticate': 'Bearer realm="metrics"',
      });
    }
    ctx.set('Content-Type', metrics.registry.contentType);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await metrics.registry.metrics();
  });
}
