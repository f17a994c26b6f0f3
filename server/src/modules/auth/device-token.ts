import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../clock.js';

/** How long a device stays known without signing in or refreshing (each session renews it). */
export const DEVICE_TOKEN_TTL_S = 180 * 24 * 3600;

const VERSION = 'd1';

/**
 * Device tokens: proof that this device signed in to this username before (docs/security.md,
 * "Login limits"). Stateless: `d1.<issued at, s>.<random nonce>.<HMAC-SHA256>` over the lower-cased
 * username, the instant and the nonce, keyed with a key derived from the server secret. A valid one
 * exempts a login from the per-username failure limit; it is no credential (the password is still
 * needed) and is worthless for another username.
 */
export class DeviceTokens {
  private readonly key: Buffer;
  constructor(
    secret: string,
    private readonly clock: Clock,
    private readonly ttlS = DEVICE_TOKEN_TTL_S,
  ) {
    this.key = createHmac('sha256', secret).update('starhold device token v1').digest();
  }

  issue(username: string): string {
    const iat = Math.floor(this.clock.now().getTime() / 1000).toString(36);
    const nonce = randomBytes(12).toString('base64url');
    return `${VERSION}.${iat}.${nonce}.${this.mac(username, iat, nonce)}`;
  }

  /** True for an unexpired token this server issued to this username (any case); false for anything else. */
  isKnown(token: unknown, username: unknown): boolean {
    if (typeof token !== 'string' || typeof username !== 'string' || token.length > 200) return false;
    const [version, iat, nonce, mac, ...rest] = token.split('.');
    if (version !== VERSION || !iat || !nonce || !mac || rest.length > 0 || !/^[0-9a-z]{1,10}$/.test(iat)) return false;
    const ageS = this.clock.now().getTime() / 1000 - parseInt(iat, 36);
    if (ageS > this.ttlS || ageS < -60) return false;
    const expected = Buffer.from(this.mac(username, iat, nonce));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(username: string, iat: string, nonce: string): string {
    return createHmac('sha256', this.key).update(`${username.toLowerCase()}\n${iat}\n${nonce}`).digest('base64url');
  }
}
