import type { IncomingMessage } from 'node:http';
import cors from '@koa/cors';
import helmet from 'koa-helmet';
import type { Middleware } from 'koa';
import type { Config } from '../config.js';
import { WEB_CSP } from './static.js';
import { DESKTOP_APP_ORIGIN } from '@starhold/common';

/** Request headers a browser on an allowed origin may send, and response headers it may read. */
export const CORS_ALLOW_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'];
export const CORS_EXPOSE_HEADERS = ['Retry-After', 'X-Request-Id', 'Idempotent-Replayed', 'Allow'];
export const CORS_MAX_AGE_S = 600;

/**
 * Security headers on every answer (koa-helmet): no framing (X-Frame-Options DENY), no sniffing,
 * no referrer, same-origin opener/resource policies, no X-Powered-By. The Content-Security-Policy
 * belongs to HTML documents: the web client (static.ts) and /api/docs send WEB_CSP themselves
 * (`htmlCsp`); JSON answers are never rendered as documents (nosniff). HSTS is left to the
 * TLS-terminating reverse proxy (docs/operations.md): over plain HTTP (a NAS on the LAN) it is
 * ignored, and a wrong one locks browsers out of a host for a year.
 */
export function securityHeaders(): Middleware {
  return helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** The web client's strict policy (everything from this origin, nothing inline), for HTML answers. */
export function htmlCsp(ctx: { set(name: string, value: string): void }): void {
  ctx.set('Content-Security-Policy', WEB_CSP);
}

/**
 * CORS (@koa/cors) for the desktop app (`starhold://app`) and the configured origins (`STARHOLD_CORS_ORIGINS`). Any other origin
 * gets no `Access-Control-Allow-*` header, so browsers refuse to hand it the answer (and fail
 * its preflights). Same-origin requests need none. Tokens travel in `Authorization`, never in
 * cookies, so credentials stay off.
 */
export function corsPolicy(config: Config): Middleware {
  const allowed = new Set([...config.corsOrigins, DESKTOP_APP_ORIGIN]);
  return cors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      return allowed.has(origin) ? origin : '';
    },
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: CORS_ALLOW_HEADERS,
    exposeHeaders: CORS_EXPOSE_HEADERS,
    maxAge: CORS_MAX_AGE_S,
    credentials: false,
  });
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * May this Socket.IO handshake proceed, judged by its Origin? Browsers always send one (and no
 * CORS protects a WebSocket), so the socket applies the same rule as the API: the server's own
 * origin (same Host; X-Forwarded-Host too with STARHOLD_TRUST_PROXY=1) or a configured one.
 * Clients that are not browsers send no Origin and are let through to the token check.
 */
export function socketOriginAllowed(config: Config, req: IncomingMessage, trustProxy = process.env.STARHOLD_TRUST_PROXY === '1'): boolean {
  const origin = headerOf(req, 'origin');
  if (origin === undefined || origin === '') return true;
  if (origin === DESKTOP_APP_ORIGIN || config.corsOrigins.includes(origin)) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const hosts = [headerOf(req, 'host'), trustProxy ? headerOf(req, 'x-forwarded-host')?.split(',')[0]?.trim() : undefined];
  return hosts.some((h) => h !== undefined && h.toLowerCase() === host.toLowerCase());
}
