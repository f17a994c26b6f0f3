import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import { ErrorCode } from '@starhold/common';
import type { AppState } from './context.js';
import { AppError } from '../core/errors.js';
import { bodyParseError, errorMiddleware } from './error-middleware.js';
import { healthRoutes } from './health.js';
import { webClient } from './static.js';
import type { Services } from '../services.js';
import { authRoutes } from '../modules/auth/routes.js';
import { planetRoutes } from '../modules/planets/routes.js';
import { queueRoutes } from '../modules/queues/routes.js';
import { commandRoutes } from '../commands/routes.js';
import { wheelRoutes } from '../modules/wheel/routes.js';
import { presenceRoutes } from '../modules/presence/routes.js';
import { metricsRoutes } from '../observability/routes.js';
import { shipyardRoutes } from '../modules/shipyard/routes.js';
import { fleetRoutes } from '../modules/fleets/routes.js';
import { galaxyRoutes } from '../modules/galaxy/routes.js';
import { reportRoutes } from '../modules/reports/routes.js';
import { installMetrics } from '../observability/metrics.js';
import { openApiRoutes } from './openapi/routes.js';
import { contractCheck } from './contract-check.js';
import { requestContext } from './request-context.js';
import { corsPolicy, securityHeaders } from './security.js';

export type RouteModule = (router: Router<AppState>, s: Services) => void;

/** Route modules in mount order; each domain adds its own. */
export const routeModules: RouteModule[] = [
  healthRoutes,
  authRoutes,
  planetRoutes,
  commandRoutes,
  queueRoutes,
  wheelRoutes,
  presenceRoutes,
  metricsRoutes,
  openApiRoutes,
  shipyardRoutes,
  fleetRoutes,
  galaxyRoutes,
  reportRoutes,
];

/** The API router with every route module mounted (createApp uses it; the OpenAPI test lists its routes). */
export function buildRouter(s: Services, extraRoutes: RouteModule[] = []): Router<AppState> {
  const router = new Router<AppState>();
  for (const mount of [...routeModules, ...extraRoutes]) mount(router, s);
  return router;
}

/** The Koa app, separate from any HTTP server so Socket.IO can share it and tests can drive it. */
export function createApp(s: Services, extraRoutes: RouteModule[] = []): Koa<AppState> {
  const app = new Koa<AppState>();
  app.proxy = process.env.STARHOLD_TRUST_PROXY === '1';
  const router = buildRouter(s, extraRoutes);

  // Request id + child logger + access log + HTTP metrics, outermost so they see final answers.
  app.use(requestContext(s.logger, installMetrics(s)));
  app.use(securityHeaders());
  app.use(corsPolicy(s.config));
  app.use(errorMiddleware(s.logger));
  app.use(async (ctx, next) => {
    const m = ctx.method;
    // A body announced by Content-Length or sent chunked (Transfer-Encoding) must be JSON.
    const hasBody = (ctx.request.length ?? 0) > 0 || ctx.get('Transfer-Encoding') !== '';
    if ((m === 'POST' || m === 'PUT' || m === 'PATCH') && hasBody && !ctx.is('application/json')) {
      throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send JSON with Content-Type: application/json');
    }
    await next();
  });
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: '64kb',
      encoding: 'utf-8',
      onError: (err) => {
        throw bodyParseError(err);
      },
    }),
  );
  app.use(async (ctx, next) => {
    ctx.state.em = s.orm.em.fork();
    await next();
  });
  const checked = contractCheck(); // under test only
  if (checked) app.use(checked);
  app.use(router.routes());
  // Answers OPTIONS, and marks a known path with a wrong method 405 (an unknown method 501) with an
  // `Allow` header; the error middleware turns those into METHOD_NOT_ALLOWED bodies, keeping Allow.
  app.use(router.allowedMethods());
  // The built web client at / (after the API, so it never shadows an API answer or 404).
  app.use(webClient(s.logger));
  return app;
}
