import { ErrorCode } from '@starhold/common';
import type { Middleware } from 'koa';
import { AppError } from '../core/errors.js';
import type { AppState } from './context.js';
import type { Services } from '../services.js';
import { PlayerSchema } from '../modules/players/player.entity.js';

/** Requires `Authorization: Bearer <access token>` of a player who is not banned; GETs count against the player's read budget. */
export function requireAuth(s: Services): Middleware<AppState> {
  return async (ctx, next) => {
    const header = ctx.get('Authorization');
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m?.[1]) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in first: missing Authorization: Bearer token');
    const claims = await s.tokens.verify(m[1]);
    // Reads have a per-player budget (checked before the database is asked anything); writes go through the command limit.
    if (ctx.method === 'GET' || ctx.method === 'HEAD') s.readLimits.hit(String(claims.playerId));
    const player = await ctx.state.em.findOne(PlayerSchema, { id: claims.playerId }, { fields: ['id', 'bannedAt'] });
    if (!player) throw new AppError(ErrorCode.AUTH_INVALID, 'Access token is invalid');
    if (player.bannedAt) throw new AppError(ErrorCode.BANNED, 'This account is banned');
    ctx.state.playerId = claims.playerId;
    await next();
  };
}

export function playerIdOf(state: AppState): number {
  if (state.playerId === undefined) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in first');
  return state.playerId;
}
