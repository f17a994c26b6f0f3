import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { ErrorCode } from '@starhold/common';
import type { Clock } from '../../clock.js';
import { AppError } from '../../core/errors.js';

export interface AccessClaims {
  playerId: number;
  username: string;
  /** Expiry instant, ms since epoch. */
  expiresAt: number;
}

const ISSUER = 'starhold';

/** Short-lived access JWTs (HS256). Time comes from the injected clock so tests can expire tokens. */
export class AccessTokens {
  private readonly key: Uint8Array;
  constructor(
    secret: string,
    private readonly ttlS: number,
    private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(playerId: number, username: string): Promise<{ token: string; expiresAt: number }> {
    const nowS = Math.floor(this.clock.now().getTime() / 1000);
    const exp = nowS + this.ttlS;
    const token = await new SignJWT({ name: username })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(playerId))
      .setIssuer(ISSUER)
      .setIssuedAt(nowS)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.key);
    return { token, expiresAt: exp * 1000 };
  }

  /** Throws AUTH_EXPIRED or AUTH_INVALID (401). */
  async verify(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'], currentDate: this.clock.now() });
      const playerId = Number(payload.sub);
      if (!Number.isInteger(playerId) || typeof payload.name !== 'string' || typeof payload.exp !== 'number') {
        throw new AppError(ErrorCode.AUTH_INVALID, 'Access token is invalid');
      }
      return { playerId, username: payload.name, expiresAt: payload.exp * 1000 };
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof joseErrors.JWTExpired) throw new AppError(ErrorCode.AUTH_EXPIRED, 'Access token expired');
      throw new AppError(ErrorCode.AUTH_INVALID, 'Access token is invalid');
    }
  }
}

/** Opaque refresh tokens: only their SHA-256 is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
