import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ErrorCode } from '@starhold/common';
import { AppError } from '../core/errors.js';

/** A named fixed-window limiter (rate-limiter-flexible); `hit` throws 429 RATE_LIMITED with Retry-After. */
export class Limiter {
  private readonly limiter: RateLimiterMemory;
  constructor(points: number, durationS: number, keyPrefix: string) {
    this.limiter = new RateLimiterMemory({ points, duration: durationS, keyPrefix });
  }

  async hit(key: string): Promise<void> {
    try {
      await this.limiter.consume(key, 1);
    } catch (e) {
      if (e instanceof RateLimiterRes) {
        const retryAfterS = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
        throw new AppError(ErrorCode.RATE_LIMITED, `Too many attempts; retry in ${retryAfterS} s`, { retryAfterSeconds: retryAfterS }, {
          'Retry-After': String(retryAfterS),
        });
      }
      throw e;
    }
  }
}

/**
 * Limits for the auth routes, per minute: login/register per client IP and per (lower-cased)
 * username; refresh/logout per client IP, in a budget of their own so that session renewals
 * never use up the sign-in attempts of a household or office behind one address.
 */
export class AuthLimits {
  private readonly perIp: Limiter;
  private readonly perUser: Limiter;
  private readonly sessionPerIp: Limiter;
  constructor(perMinute: number) {
    this.perIp = new Limiter(perMinute, 60, 'auth-ip');
    this.perUser = new Limiter(Math.max(1, Math.ceil(perMinute / 2)), 60, 'auth-user');
    this.sessionPerIp = new Limiter(perMinute, 60, 'auth-session-ip');
  }
  async check(ip: string, username: unknown): Promise<void> {
    await this.perIp.hit(ip);
    if (typeof username === 'string' && username.length > 0 && username.length <= 64) await this.perUser.hit(username.toLowerCase());
  }
  /** POST /api/v1/auth/refresh and /logout. */
  async checkSession(ip: string): Promise<void> {
    await this.sessionPerIp.hit(ip);
  }
}
