import { existsSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { send } from '@koa/send';
import type { Middleware } from 'koa';
import type { Logger } from '../logger.js';

/** Paths that belong to the API, the socket and operations: never answered with the web client. */
const RESERVED = /^\/(api|socket\.io|metrics)(\/|$)/;

/** Strict CSP for the web client: everything from this origin, nothing inline, no framing. */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** `desktop/dist/renderer` of this checkout (from server/src/http or server/dist/http alike). */
export function defaultWebDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'desktop', 'dist', 'renderer');
}

export function webDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.STARHOLD_WEB_DIR ? resolve(env.STARHOLD_WEB_DIR) : defaultWebDir();
}

/**
 * Serves the built web client (the desktop renderer) at `/`, mounted after the API router: it
 * only answers GET/HEAD requests nothing else answered, outside /api, /socket.io and /metrics
 * (those keep their JSON 404s). Unknown paths without a file extension fall back to index.html
 * (a single-page app); a missing asset stays a 404. Without a built client it does nothing.
 */
export function webClient(logger: Logger, dir: string = webDirFromEnv()): Middleware {
  if (!existsSync(resolve(dir, 'index.html'))) {
    logger.info({ dir }, 'web client not built (npm run build -w desktop); serving the API only');
    return async (_ctx, next) => next();
  }
  logger.info({ dir }, 'serving the web client at /');
  return async (ctx, next) => {
    await next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return;
    if (ctx.status !== 404 || ctx.body !== undefined || RESERVED.test(ctx.path)) return;
    const hashedAsset = ctx.path.startsWith('/assets/');
    const headers = () => {
      ctx.set('Content-Security-Policy', WEB_CSP);
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.set('X-Frame-Options', 'DENY');
    };
    try {
      const served = await send(ctx, ctx.path, {
        root: dir,
        index: 'index.html',
        hidden: false,
        ...(hashedAsset ? { maxage: 365 * 24 * 3600 * 1000, immutable: true } : {}),
      });
      headers();
      if (served?.endsWith('index.html') || ctx.path === '/sw.js') ctx.set('Cache-Control', 'no-cache');
      return;
    } catch (e) {
      const status = (e as { status?: number }).status;
      if (status !== 404 && status !== 400 && status !== 403) throw e;
    }
    if (extname(ctx.path) !== '') return; // a missing file stays a 404
    await send(ctx, 'index.html', { root: dir });
    headers();
    ctx.set('Cache-Control', 'no-cache');
  };
}
