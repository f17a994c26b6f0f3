// Login limits that stop guessing without locking the owner out (docs/security.md, "Login limits"):
// failed logins count per (username, client IP) and, from devices without a valid device token, per
// username; a device that signed in before sends its device token and is exempt from the
// per-username limit. Each test speaks from its own loopback addresses (all of 127.0.0.0/8 reaches
// the server), so the per-IP budgets of the tests do not mix.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@starhold/common';
import { ManualClock } from '../../src/clock.js';
import { DEVICE_TOKEN_TTL_S, DeviceTokens } from '../../src/modules/auth/device-token.js';
import { startTestServer, type TestServer } from '../harness.js';
import { rawRequest, type RawResponse } from '../support/raw-http.js';

// STARHOLD_AUTH_RATE_LIMIT=6: 6 attempts per minute per client IP; 3 failures per (username, IP)
// and 3 per username from unknown devices.
const PER_IP = 6;
const FAILURES = 3;
const PASSWORD = 'correct-horse-battery';

function expectLimited(r: RawResponse): void {
  expect({ status: r.status, code: r.json?.error?.code }).toEqual({ status: 429, code: ErrorCode.RATE_LIMITED });
  expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
}

describe('login limits: guessing is stopped, the owner is not locked out', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_AUTH_RATE_LIMIT: String(PER_IP) } });
  });
  afterAll(async () => t?.stop());

  const post = (from: string, path: string, body: unknown) =>
    rawRequest(t.url, { method: 'POST', path, body: JSON.stringify(body), localAddress: from, headers: { 'Content-Type': 'application/json' } });
  const login = (from: string, username: string, password: string, deviceToken?: string) =>
    post(from, '/api/v1/auth/login', { username, password, ...(deviceToken === undefined ? {} : { deviceToken }) });
  /** Wrong passwords for `username`, one from each of `count` addresses of `net` (127.x.y.1, .2, …). */
  async function flood(net: string, username: string, count: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 1; i <= count; i++) statuses.push((await login(`${net}.${i}`, username, 'wrong-password')).status);
    return statuses;
  }

  it('a flood of wrong passwords from many addresses does not stop the owner on a known device', async () => {
    const reg = await post('127.0.10.1', '/api/v1/auth/register', { username: 'Owner', password: PASSWORD });
    expect(reg.status).toBe(201);
    const device = reg.json.deviceToken as string;
    expect(device).toMatch(/^d1\./);

    // Ten addresses, one guess each: the per-username limit stops the guessing after FAILURES…
    const statuses = await flood('127.0.11', 'owner', 10);
    expect(statuses).toEqual([...Array<number>(FAILURES).fill(401), ...Array<number>(10 - FAILURES).fill(429)]);
    // …also for the right password from a device that is not known (it could be the guesser's).
    expectLimited(await login('127.0.12.1', 'owner', PASSWORD));
    expectLimited(await login('127.0.12.2', 'owner', PASSWORD, 'd1.not.a.token'));

    // The owner's device signs in, from its own address and from another one (any case of the name).
    const home = await login('127.0.10.1', 'OWNER', PASSWORD, device);
    expect(home.status).toBe(200);
    expect(home.json.player.username).toBe('Owner');
    const away = await login('127.0.10.2', 'owner', PASSWORD, home.json.deviceToken);
    expect(away.status).toBe(200);
    // The flood goes on; the known device still gets in.
    expect(await flood('127.0.13', 'owner', 3)).toEqual([429, 429, 429]);
    expect((await login('127.0.10.3', 'owner', PASSWORD, device)).status).toBe(200);
  });

  it('guessing from one address is stopped, with or without a device token', async () => {
    const reg = await post('127.0.20.1', '/api/v1/auth/register', { username: 'target', password: PASSWORD });
    const device = reg.json.deviceToken as string;
    // A stolen device token does not help a guesser: failures per (username, address) still count.
    for (let i = 0; i < FAILURES; i++) expect((await login('127.0.21.1', 'target', `guess-${i}`, device)).status).toBe(401);
    expectLimited(await login('127.0.21.1', 'target', PASSWORD, device));
    // That address's failures do not lock the owner's address out.
    expect((await login('127.0.20.1', 'target', PASSWORD, device)).status).toBe(200);
    // And the per-IP budget caps guessing across usernames from one address.
    for (let i = 0; i < PER_IP; i++) expect((await login('127.0.22.1', `someone${i}`, 'x')).status).toBe(401);
    expectLimited(await login('127.0.22.1', 'someone-else', 'x'));
  });

  it('counts failures only: successful logins from unknown devices do not use up the username budget', async () => {
    expect((await post('127.0.30.1', '/api/v1/auth/register', { username: 'regular', password: PASSWORD })).status).toBe(201);
    for (let i = 2; i <= 2 + FAILURES; i++) expect((await login(`127.0.30.${i}`, 'regular', PASSWORD)).status).toBe(200);
    expect((await login('127.0.30.9', 'regular', 'wrong-password')).status).toBe(401);
    expect((await login('127.0.30.10', 'regular', PASSWORD)).status).toBe(200);
  });

  it('a device token is worth nothing for another username', async () => {
    const mine = await post('127.0.40.1', '/api/v1/auth/register', { username: 'tok-alice', password: PASSWORD });
    expect((await post('127.0.40.2', '/api/v1/auth/register', { username: 'tok-bob', password: PASSWORD })).status).toBe(201);
    await flood('127.0.41', 'tok-bob', FAILURES);
    expectLimited(await login('127.0.40.1', 'tok-bob', PASSWORD, mine.json.deviceToken));
  });
});

describe('device tokens', () => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const devices = new DeviceTokens('test-secret-test-secret-test-secret-0123456789', clock);

  it('are valid for the username they were issued to (any case), until they expire', () => {
    const token = devices.issue('Alice');
    expect(devices.isKnown(token, 'alice')).toBe(true);
    expect(devices.isKnown(token, 'bob')).toBe(false);
    expect(new DeviceTokens('another-secret-another-secret-another-secret', clock).isKnown(token, 'alice')).toBe(false);
    clock.advance(DEVICE_TOKEN_TTL_S * 1000);
    expect(devices.isKnown(token, 'alice')).toBe(true);
    clock.advance(1000);
    expect(devices.isKnown(token, 'alice')).toBe(false);
  });

  it('refuse anything malformed or tampered with', () => {
    const token = devices.issue('alice');
    const [v, iat, nonce, mac] = token.split('.');
    for (const bad of [
      undefined,
      42,
      '',
      'd1',
      `${token}.x`,
      `d2.${iat}.${nonce}.${mac}`,
      `${v}.${iat}.${nonce}x.${mac}`,
      `${v}.zz.${nonce}.${mac}`,
      `${v}.${iat}.${nonce}.${mac!.slice(1)}`,
      'x'.repeat(500),
    ]) {
      expect(devices.isKnown(bad, 'alice')).toBe(false);
    }
  });
});
