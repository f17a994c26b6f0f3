import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ErrorCode } from '@starhold/common';
import { AppError } from '../core/errors.js';

/** 429 RATE_LIMITED with `Retry-After` and `details.retryAfterSeconds`. */
export function rateLimited(retryAfterS: number): AppError {
  return new AppError(
    ErrorCode.RATE_LIMITED,
    `Too many attempts; retry in ${retryAfterS} s`,
    { retryAfterSeconds: retryAfterS },
    {
      'Retry-After': String(retryAfterS),
    },
  );
}

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
      if (e instanceof RateLimiterRes) throw rateLimited(Math.max(1, Math.ceil(e.msBeforeNext / 1000)));
      throw e;
    }
  }

  /** Gives back one point taken by `hit` (an attempt that turned out to be no failure). */
  async refund(key: string): Promise<void> {
    await this.limiter.reward(key, 1);
  }
}

/** What the login route reports back once it knows how the attempt ended. */
export interface LoginAttempt {
  /** The password was right: the attempt is not a failure and gives its points back. */
  succeeded(): Promise<void>;
}

const NO_ATTEMPT: LoginAttempt = { succeeded: async () => undefined };

/**
 * Limits for the auth routes, per minute (docs/security.md, "Login limits"):
 * - every login and registration attempt per client IP (`perMinute`);
 * - failed logins per (lower-cased username, client IP): half of it, so guessing from one address
 *   stops there, while failures from other addresses never lock that address out;
 * - failed logins per username from devices that are not known (no valid device token): half of
 *   it too, so a guesser spread over many addresses is capped, while the owner's known devices
 *   are exempt and can always sign in;
 * - refresh/logout per client IP, in a budget of their own so that session renewals never use up
 *   the sign-in attempts of a household or office behind one address.
 * A successful login gives its per-username points back: only failures count there.
 */
export class AuthLimits {
  private readonly perIp: Limiter;
  private readonly perUserIp: Limiter;
  private readonly perUser: Limiter;
  private readonly sessionPerIp: Limiter;
  constructor(perMinute: number) {
    const failures = Math.max(1, Math.ceil(perMinute / 2));
    this.perIp = new Limiter(perMinute, 60, 'auth-ip');
    this.perUserIp = new Limiter(failures, 60, 'auth-user-ip');
    this.perUser = new Limiter(failures, 60, 'auth-user');
    this.sessionPerIp = new Limiter(perMinute, 60, 'auth-session-ip');
  }

  /** POST /api/v1/auth/register: per client IP. */
  async checkRegister(ip: string): Promise<void> {
    await this.perIp.hit(ip);
  }

  /** POST /api/v1/auth/login, before the password is compared; `knownDevice`: a valid device token for this username came along. */
  async checkLogin(ip: string, username: unknown, knownDevice: boolean): Promise<LoginAttempt> {
    await this.perIp.hit(ip);
    if (typeof username !== 'string' || username.length === 0 || username.length > 64) return NO_ATTEMPT;
    const name = username.toLowerCase();
    const pairKey = `${name}\n${ip}`;
    await this.perUserIp.hit(pairKey);
    if (knownDevice) return { succeeded: () => this.perUserIp.refund(pairKey) };
    try {
      await this.perUser.hit(name);
    } catch (e) {
      await this.perUserIp.refund(pairKey); // refused before the password was looked at: no failure
      throw e;
    }
    return {
      succeeded: async () => {
        await this.perUserIp.refund(pairKey);
        await this.perUser.refund(name);
      },
    };
  }

  /** POST /api/v1/auth/refresh and /logout. */
  async checkSession(ip: string): Promise<void> {
    await this.sessionPerIp.hit(ip);
  }
}

/** Token bucket per key: `ratePerS` tokens per second, at most `burst` saved up. `hit` takes one or throws 429. */
export class TokenBucket {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep: number;
  constructor(
    private readonly ratePerS: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastSweep = now();
  }

  hit(key: string): void {
    const t = this.now();
    this.sweep(t);
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.ratePerS) : this.burst;
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: t });
      throw rateLimited(Math.max(1, Math.ceil((1 - tokens) / this.ratePerS)));
    }
    this.buckets.set(key, { tokens: tokens - 1, at: t });
  }

  /** Once a minute, forgets buckets that have refilled completely (they equal a fresh one). */
  private sweep(t: number): void {
    if (t - this.lastSweep < 60_000) return;
    this.lastSweep = t;
    const fullAfterMs = (this.burst / this.ratePerS) * 1000;
    for (const [k, b] of this.buckets) if (t - b.at >= fullAfterMs) this.buckets.delete(k);
  }
}
