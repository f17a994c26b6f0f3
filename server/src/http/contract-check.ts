import type { Middleware } from 'koa';
import { restResponseSchemas, type RestRoute } from '@starhold/common';
import { CHECK_CONTRACTS, ContractViolation } from '../core/contracts.js';
import type { AppState } from './context.js';

/**
 * Under test (contracts.ts, `CHECK_CONTRACTS`), parses every successful JSON answer of a route
 * listed in `restResponseSchemas` (common) with its schema, so any test that calls a route also
 * checks the documented contract; a mismatch is a 500 with the reason in the log. In production
 * it is not installed.
 */
export function contractCheck(): Middleware<AppState> | null {
  if (!CHECK_CONTRACTS) return null;
  return async (ctx, next) => {
    await next();
    const matched = (ctx as { _matchedRoute?: unknown })._matchedRoute;
    if (ctx.status < 200 || ctx.status >= 300 || typeof matched !== 'string' || !ctx.body) return;
    const route = `${ctx.method} ${matched}`;
    if (!Object.prototype.hasOwnProperty.call(restResponseSchemas, route)) return;
    const r = restResponseSchemas[route as RestRoute].safeParse(ctx.body);
    if (!r.success) throw new ContractViolation(`answer of ${route}`, r.error);
  };
}
