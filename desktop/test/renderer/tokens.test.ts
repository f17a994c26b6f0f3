// TokenKeeper against the real server: a refresh the server refuses to
// look at right now (429 RATE_LIMITED) keeps the session for a later try; a refused token ends it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../../../server/test/harness.js';
import { ApiError, NetworkError, SessionExpiredError } from '../../src/renderer/net/errors.js';
import { RestClient, postJson } from '../../src/renderer/net/rest.js';
import { rawRequest } from '../../../server/test/support/raw-http.js';
import { TokenKeeper, type KeyValueStore } from '../../src/renderer/net/tokens.js';
import type { SessionResponse } from '@starhold/common';
import { MapKv } from './map-kv.js';

const LIMIT = 2;

describe('TokenKeeper.refresh', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_AUTH_RATE_LIMIT: String(LIMIT) } });
  });
  afterAll(async () => t?.stop());

  const keeper = (kv: KeyValueStore) =>
    new TokenKeeper(kv, (url, refreshToken) => postJson<SessionResponse>(url, '/api/v1/auth/refresh', { refreshToken }));

  it('ends the session when the token is refused, but keeps it when the server says to slow down', async () => {
    const registered = await t.api.post('/api/v1/auth/register', { username: 'slowpoke', password: 'correct-horse-battery' });
    expect(registered.status).toBe(201);
    const session: SessionResponse = registered.body;

    // 1st refresh of this client: a token the server does not know → sign in again.
    const stale = keeper(new MapKv());
    stale.set(t.url, { ...session, refreshToken: 'revoked-or-unknown' });
    await expect(stale.refresh()).rejects.toBeInstanceOf(SessionExpiredError);
    // 2nd: the budget is used up.
    expect((await t.api.post('/api/v1/auth/refresh', { refreshToken: 'another-unknown' })).status).toBe(401);

    // 3rd: 429 → a NetworkError (the callers retry with backoff); the session and token stay.
    const kv = new MapKv();
    const tokens = keeper(kv);
    tokens.set(t.url, session);
    const stored = [...kv.m.values()];
    const limited = tokens.refresh();
    await expect(limited).rejects.toBeInstanceOf(NetworkError);
    await expect(limited).rejects.toThrow(/Too many attempts/);
    expect(tokens.restore(t.url)?.refreshToken).toBe(session.refreshToken);
    expect([...kv.m.values()]).toEqual(stored);
  });
});

describe('device token', () => {
  let t: TestServer;
  beforeAll(async () => {
    // 6 sign-in attempts per minute per address; 3 failures per username from unknown devices.
    t = await startTestServer({ env: { STARHOLD_AUTH_RATE_LIMIT: '6' } });
  });
  afterAll(async () => t?.stop());

  it('is kept from the session, survives signing out, and lets this device sign in while others flood the username', async () => {
    const kv = new MapKv();
    const tokens = new TokenKeeper(kv, () => Promise.reject(new Error('no refresh in this test')));
    const rest = new RestClient(() => t.url, tokens);
    const first = await rest.register('Devicer', 'correct-horse-battery');
    tokens.set(t.url, first);
    expect(tokens.deviceToken(t.url, 'devicer')).toBe(first.deviceToken);
    tokens.clear();

    // Wrong passwords from other addresses use up the username's budget for unknown devices.
    for (let i = 1; i <= 4; i++) {
      await rawRequest(t.url, {
        method: 'POST',
        path: '/api/v1/auth/login',
        localAddress: `127.0.60.${i}`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'devicer', password: 'wrong-password' }),
      });
    }
    const stranger = new RestClient(() => t.url, new TokenKeeper(new MapKv(), () => Promise.reject(new Error('unused'))));
    await expect(stranger.login('devicer', 'correct-horse-battery')).rejects.toMatchObject({ status: 429 });
    await expect(stranger.login('devicer', 'correct-horse-battery')).rejects.toBeInstanceOf(ApiError);

    const again = await rest.login('devicer', 'correct-horse-battery');
    expect(again.player.username).toBe('Devicer');
  });
});
