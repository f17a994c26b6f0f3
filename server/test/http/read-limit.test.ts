// The per-player read budget (STARHOLD_READ_RATE_LIMIT per second, STARHOLD_READ_BURST at once) on
// every authenticated GET: over it, 429 RATE_LIMITED with Retry-After; other players, commands and
// unauthenticated routes are not affected; the budget refills over time.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@starhold/common';
import { loadConfig } from '../../src/config.js';
import { TokenBucket } from '../../src/http/rate-limit.js';
import { AppError } from '../../src/core/errors.js';
import { startTestServer, type ApiResponse, type TestServer } from '../harness.js';

const RATE = 2;
const BURST = 6;

function expectLimited(r: ApiResponse): void {
  expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status: 429, code: ErrorCode.RATE_LIMITED });
  expect(r.headers.get('retry-after')).toBe('1');
  expect(r.body.error.details).toEqual({ retryAfterSeconds: 1 });
}

describe('per-player read rate limit', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_READ_RATE_LIMIT: String(RATE), STARHOLD_READ_BURST: String(BURST) } });
  });
  afterAll(async () => t?.stop());

  it('answers GETs over the burst with 429 RATE_LIMITED, per player, and refills', async () => {
    const a = await t.api.register('read-alice');
    const b = await t.api.register('read-bob');
    const routes = ['/api/v1/me', `/api/v1/planets/${a.planetId}`, '/api/v1/research', '/api/v1/wheel', '/api/v1/presence', '/api/v1/fleets'];
    // Reads one after another until one is refused: the burst, plus what refilled meanwhile (the
    // machine may be slow), is served.
    const started = performance.now();
    let served = 0;
    let refused: ApiResponse | undefined;
    while (!refused && served < 100) {
      const r = await t.api.get(routes[served % routes.length]!, a.token);
      if (r.status === 200) served++;
      else refused = r;
    }
    const elapsedS = (performance.now() - started) / 1000;
    expectLimited(refused!);
    // The harness's register reads /me once with a's token: that read came out of the same bucket.
    expect(served).toBeGreaterThanOrEqual(BURST - 1);
    expect(served).toBeLessThanOrEqual(BURST + Math.ceil(elapsedS * RATE) + 1);

    // Another player, commands and unauthenticated routes are not affected.
    expect((await t.api.get('/api/v1/me', b.token)).status).toBe(200);
    expect((await t.api.post(`/api/v1/planets/${a.planetId}/buildings/metalMine/upgrade`, undefined, a.token)).status).toBe(202);
    expect((await t.api.get('/api/v1/health')).status).toBe(200);

    // 1 / RATE seconds later there is a token again (waiting a little longer than that).
    await new Promise((r) => setTimeout(r, 1000 / RATE + 150));
    expect((await t.api.get('/api/v1/me', a.token)).status).toBe(200);
  });
});

describe('read budget defaults and token bucket', () => {
  it('defaults to 20 reads per second with a burst of 120, far above what the desktop client sends on start or resync (about 10 GETs)', () => {
    const c = loadConfig({ STARHOLD_JWT_SECRET: 'x'.repeat(32), STARHOLD_DATA_DIR: '/nonexistent' });
    expect({ rate: c.readRateLimit, burst: c.readBurst }).toEqual({ rate: 20, burst: 120 });
  });

  it('refills at the rate up to the burst and tells when the next token comes', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 3, () => now);
    for (let i = 0; i < 3; i++) bucket.hit('p');
    const refused = (() => {
      try {
        bucket.hit('p');
        return undefined;
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(refused).toBeInstanceOf(AppError);
    expect(refused?.status).toBe(429);
    expect(refused?.headers).toEqual({ 'Retry-After': '1' });
    bucket.hit('q'); // another key has its own bucket
    now = 500; // one token back after 1 / 2 s
    bucket.hit('p');
    expect(() => bucket.hit('p')).toThrow(AppError);
    now = 60_000; // refilled to the burst, not beyond
    for (let i = 0; i < 3; i++) bucket.hit('p');
    expect(() => bucket.hit('p')).toThrow(AppError);
  });
});
