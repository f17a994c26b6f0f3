import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { AppState } from './context.js';

/** An incoming X-Request-Id is kept only if it is this short and plain (it ends up in logs and headers). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Routes polled by machines (health checks, scrapers): their access lines are debug, not info. */
const QUIET_ROUTES = new Set(['/api/v1/health', '/metrics']);

/** The request id to use: the client's X-Request-Id when it is acceptable, else a new UUID. */
export function requestIdOf(header: string): string {
  return REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * The outermost middleware: gives every request an id (echoed as X-Request-Id), a child logger
 * carrying it (`ctx.state.log`), and, once the answer is final (errors included), one access
 * log line and one observation of the HTTP duration histogram, labelled with the route pattern
 * the router matched (`/api/v1/planets/:id`), never the raw path.
 */
export function requestContext(logger: Logger, metrics: Metrics): Middleware<AppState> {
  return async (ctx, next) => {
    const started = performance.now();
    const requestId = requestIdOf(ctx.get('X-Request-Id'));
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ requestId });
    ctx.set('X-Request-Id', requestId);
    try {
      await next();
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const matched = (ctx as { _matchedRoute?: string | RegExp })._matchedRoute; // set by @koa/router
      const route = typeof matched === 'string' ? matched : 'unmatched';
      const status = ctx.status;
      metrics.httpDuration.observe({ method: ctx.method, route, status: String(status) }, seconds);
      const line = { method: ctx.method, route, path: ctx.path, status, durationMs: Math.round(seconds * 10_000) / 10 };
      if (QUIET_ROUTES.has(route)) ctx.state.log.debug(line, 'request');
      else ctx.state.log.info(line, 'request');
    }
  };
}
