import { ErrorCode, handshakeAuthSchema, type AuthRefreshAck, type ErrorBody, authRefreshSchema } from '@starhold/common';
import type { ExtendedError } from 'socket.io';
import { AppError, validationError } from '../core/errors.js';
import type { Metrics } from '../observability/metrics.js';
import type { Services } from '../services.js';
import { errorBodyOf } from './errors.js';
import type { GatewayServer, GatewaySocket } from './types.js';

/** A refused handshake: the client's `connect_error` has `message` = code and `data` = {code, message}. */
function refusal(body: ErrorBody): ExtendedError {
  const err: ExtendedError = new Error(body.code);
  err.data = { code: body.code, message: body.message };
  return err;
}

async function playerStatus(s: Services, playerId: number): Promise<{ exists: boolean; banned: boolean }> {
  const rows = await s.orm.em.fork().execute<{ banned_at: Date | null }[]>('select banned_at from player where id = ?', [playerId]);
  const bannedAt = rows[0]?.banned_at;
  return { exists: rows.length > 0, banned: bannedAt !== null && bannedAt !== undefined };
}

/** Checks a token for a socket: valid, of an existing player, not banned. Throws AppError. */
async function verifyForSocket(s: Services, token: string) {
  const claims = await s.tokens.verify(token);
  const st = await playerStatus(s, claims.playerId);
  if (!st.exists) throw new AppError(ErrorCode.AUTH_INVALID, 'Access token is invalid');
  if (st.banned) throw new AppError(ErrorCode.BANNED, 'This account is banned');
  return claims;
}

/** Handshake middleware: `auth: {token, clientId, lastSeq}`; refusals carry a stable code. */
export function handshakeAuth(s: Services, metrics: Metrics) {
  return (socket: GatewaySocket, next: (err?: ExtendedError) => void): void => {
    const refuse = (body: ErrorBody) => {
      metrics.connectErrors.inc({ code: body.code });
      next(refusal(body));
    };
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
    if (token === undefined || token === null || token === '') {
      refuse({ code: ErrorCode.UNAUTHENTICATED, message: 'Sign in first: handshake auth.token is missing' });
      return;
    }
    const parsed = handshakeAuthSchema.safeParse(auth);
    if (!parsed.success) {
      refuse(validationError(parsed.error).toBody());
      return;
    }
    verifyForSocket(s, parsed.data.token).then(
      (claims) => {
        socket.data = {
          playerId: claims.playerId,
          username: claims.username,
          clientId: parsed.data.clientId,
          lastSeq: parsed.data.lastSeq ?? undefined,
          expiresAt: claims.expiresAt,
          rttMs: null,
          ready: false,
          endReason: undefined,
        };
        next();
      },
      (e: unknown) => refuse(errorBodyOf(e, s.logger, { during: 'handshake' })),
    );
  };
}

/** `auth:refresh ({token}, ack)`: renews the live socket's token (same player only). */
export async function refreshSocketToken(s: Services, socket: GatewaySocket, payload: unknown): Promise<AuthRefreshAck> {
  const parsed = authRefreshSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, error: validationError(parsed.error).toBody() };
  try {
    const claims = await verifyForSocket(s, parsed.data.token);
    if (claims.playerId !== socket.data.playerId) {
      return { ok: false, error: { code: ErrorCode.AUTH_INVALID, message: 'The token belongs to another player' } };
    }
    socket.data.expiresAt = Math.max(socket.data.expiresAt, claims.expiresAt);
    return { ok: true, expiresAt: new Date(socket.data.expiresAt).toISOString() };
  } catch (e) {
    return { ok: false, error: errorBodyOf(e, s.logger, { during: 'auth:refresh' }) };
  }
}

/** Ends a live session: tells the client why, then disconnects it. */
export function endSession(socket: GatewaySocket, code: 'AUTH_EXPIRED' | 'BANNED'): void {
  socket.data.endReason = code;
  socket.emit('session:expired', {
    code,
    message: code === 'AUTH_EXPIRED' ? 'Access token expired; sign in or refresh, then reconnect' : 'This account is banned',
  });
  socket.disconnect(true);
}

/** Ends every session of `playerId` on this node at once (a ban announced on the control bus). */
export function endSessionsOf(io: GatewayServer, playerId: number, code: 'BANNED'): number {
  let n = 0;
  for (const socket of io.of('/').sockets.values()) {
    if (socket.connected && socket.data.playerId === playerId) {
      endSession(socket, code);
      n++;
    }
  }
  return n;
}

/** Disconnects this node's sockets whose token expired (server clock) or whose player was banned. */
export async function sweepSessions(s: Services, io: GatewayServer): Promise<void> {
  const now = s.clock.now().getTime();
  const live = [...io.of('/').sockets.values()];
  for (const socket of live) if (socket.data.expiresAt <= now) endSession(socket, 'AUTH_EXPIRED');
  const rest = live.filter((sk) => sk.connected);
  if (rest.length === 0) return;
  const ids = [...new Set(rest.map((sk) => sk.data.playerId))];
  const rows = await s.orm.em.fork().execute<{ id: number }[]>(
    'select id from player where id = any(?::int[]) and banned_at is not null',
    [`{${ids.join(',')}}`], // integer ids only: a Postgres array literal
  );
  const banned = new Set(rows.map((r) => Number(r.id)));
  for (const socket of rest) if (socket.connected && banned.has(socket.data.playerId)) endSession(socket, 'BANNED');
}
