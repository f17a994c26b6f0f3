import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ErrorCode } from '@starhold/common';
import { AppError } from './errors.js';

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
        throw new AppError(429, ErrorCode.RATE_LIMITED, `Too many attempts; retry in ${retryAfterS} s`, { retryAfterSeconds: retryAfterS }, {
          'Retry-After': String(retryAfterS),
        });
      }
      throw e;
    }
  }
}

/** Limits for login/register: per client IP and per (lower-cased) username. */
export class AuthLimits {
  private readonly perIp: Limiter;
  private readonly perUser: Limiter;
  constructor(perMinute: number) {
    this.perIp = new Limiter(perMinute, 60, 'auth-ip');
    this.perUser = new Limiter(Math.max(1, Math.ceil(perMinute / 2)), 60, 'auth-user');
  }
  async check(ip: string, username: unknown): Promise<void> {
    await this.perIp.hit(ip);
    if (typeof username === 'string' && username.length > 0 && username.length <= 64) await this.perUser.hit(username.toLowerCase());
  }
}
