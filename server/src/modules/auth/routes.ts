import type { AppRouter } from '../../http/context.js';
import { parseWith } from '../../core/errors.js';
import type { Services } from '../../services.js';
import { loginBody, refreshBody, registerBody } from './schemas.js';

export function authRoutes(router: AppRouter, s: Services): void {
  router.post('/api/v1/auth/register', async (ctx) => {
    await s.authLimits.checkRegister(ctx.ip);
    const body = parseWith(registerBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = await s.accounts.register(ctx.state.em, body.username, body.password);
  });

  router.post('/api/v1/auth/login', async (ctx) => {
    const raw = ctx.request.body as { username?: unknown; deviceToken?: unknown } | undefined;
    const attempt = await s.authLimits.checkLogin(ctx.ip, raw?.username, s.devices.isKnown(raw?.deviceToken, raw?.username));
    const body = parseWith(loginBody, ctx.request.body);
    ctx.body = await s.accounts.login(ctx.state.em, body.username, body.password);
    await attempt.succeeded();
  });

  router.post('/api/v1/auth/refresh', async (ctx) => {
    await s.authLimits.checkSession(ctx.ip);
    const body = parseWith(refreshBody, ctx.request.body);
    ctx.body = await s.accounts.refresh(ctx.state.em, body.refreshToken);
  });

  router.post('/api/v1/auth/logout', async (ctx) => {
    await s.authLimits.checkSession(ctx.ip);
    const body = parseWith(refreshBody, ctx.request.body);
    await s.accounts.logout(ctx.state.em, body.refreshToken);
    ctx.status = 204;
  });
}
