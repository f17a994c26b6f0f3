import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@starhold/common';
import { startTestServer, type TestServer } from '../harness.js';
import { rawRequest, type RawResponse } from '../support/raw-http.js';
import { rowCounts } from '../support/rows.js';

// STARHOLD_AUTH_RATE_LIMIT=4: 4 login/register attempts per minute per client IP;
// refresh and logout: 4 per minute per client IP together, in a budget of their own.
// Each test speaks from its own loopback address (all of 127.0.0.0/8 reaches the server) so the
// per-IP budgets of the tests do not mix.
const PER_IP = 4;
const PASSWORD = 'correct-horse-battery';

function expectRateLimited(r: RawResponse): void {
  expect({ status: r.status, body: r.json }).toEqual({
    status: 429,
    body: { error: { code: ErrorCode.RATE_LIMITED, message: expect.any(String), details: { retryAfterSeconds: expect.any(Number) } } },
  });
  const retryAfter = Number(r.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(r.json.error.details.retryAfterSeconds).toBe(retryAfter);
}

describe('rate limits on login and register', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_AUTH_RATE_LIMIT: String(PER_IP) } });
  });
  afterAll(async () => t?.stop());

  const post = (from: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    rawRequest(t.url, {
      method: 'POST',
      path,
      body: JSON.stringify(body),
      localAddress: from,
      headers: { 'Content-Type': 'application/json', ...headers },
    });
  const login = (from: string, username: string, password = 'wrong-password') => post(from, '/api/v1/auth/login', { username, password });
  const register = (from: string, username: string) => post(from, '/api/v1/auth/register', { username, password: PASSWORD });

  it('limits login attempts per client IP, whatever the usernames', async () => {
    for (let i = 0; i < PER_IP; i++) expect((await login('127.0.0.2', `ipuser${i}`)).status).toBe(401);
    expectRateLimited(await login('127.0.0.2', 'ipuser-next'));
    // Another client is not affected.
    expect((await login('127.0.0.3', 'ipuser-next')).status).toBe(401);
  });

  it('ignores X-Forwarded-For unless a trusted proxy is configured', async () => {
    for (let i = 0; i < PER_IP; i++) {
      const r = await post('127.0.0.4', '/api/v1/auth/login', { username: `xff${i}`, password: 'x' }, { 'X-Forwarded-For': `10.0.0.${i}` });
      expect(r.status).toBe(401);
    }
    expectRateLimited(await post('127.0.0.4', '/api/v1/auth/login', { username: 'xff9', password: 'x' }, { 'X-Forwarded-For': '10.0.0.99' }));
  });

  // Failures per username and per (username, address), and the known-device path: login-limits.test.ts.

  it('limits registration per client IP, and a limited registration writes nothing', async () => {
    expect((await register('127.0.2.1', 'RegFlood')).status).toBe(201);
    expect((await register('127.0.2.2', 'regflood')).status).toBe(409);
    for (let i = 0; i < PER_IP; i++) expect((await register('127.0.2.4', `fresh${i}`)).status).toBe(201);
    const afterAllowed = await rowCounts(t);
    expectRateLimited(await register('127.0.2.4', 'onetoomany'));
    expect(await rowCounts(t)).toEqual(afterAllowed);
  });

  it('counts login and register against the same per-IP budget', async () => {
    expect((await register('127.0.3.1', 'mixed0')).status).toBe(201);
    for (let i = 1; i < PER_IP; i++) expect((await login('127.0.3.1', `mixed${i}`)).status).toBe(401);
    expectRateLimited(await register('127.0.3.1', 'mixed9'));
  });
});

describe('rate limits on refresh and logout', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_AUTH_RATE_LIMIT: String(PER_IP) } });
  });
  afterAll(async () => t?.stop());

  const post = (from: string, path: string, body: unknown) =>
    rawRequest(t.url, { method: 'POST', path, body: JSON.stringify(body), localAddress: from, headers: { 'Content-Type': 'application/json' } });
  const refresh = (from: string, refreshToken: string) => post(from, '/api/v1/auth/refresh', { refreshToken });
  const logout = (from: string, refreshToken: string) => post(from, '/api/v1/auth/logout', { refreshToken });

  it('limits refresh and logout together per client IP; a limited refresh uses up nothing and writes nothing', async () => {
    const session = await post('127.0.4.1', '/api/v1/auth/register', { username: 'renewer', password: PASSWORD });
    expect(session.status).toBe(201);
    for (let i = 0; i < PER_IP - 1; i++) expect((await refresh('127.0.4.2', `not-a-token-${i}`)).status).toBe(401);
    expect((await logout('127.0.4.2', 'not-a-token-either')).status).toBe(204);

    const before = await rowCounts(t);
    expectRateLimited(await refresh('127.0.4.2', session.json.refreshToken));
    expectRateLimited(await logout('127.0.4.2', session.json.refreshToken));
    expect(await rowCounts(t)).toEqual(before);
    // The refresh token was not looked at: it still works, from a client with budget left.
    const renewed = await refresh('127.0.4.3', session.json.refreshToken);
    expect(renewed.status).toBe(200);
    expect(renewed.json.player).toEqual(session.json.player);
  });

  it('keeps the budget apart from login and register', async () => {
    for (let i = 0; i < PER_IP; i++) expect((await refresh('127.0.5.1', `spent-${i}`)).status).toBe(401);
    expectRateLimited(await refresh('127.0.5.1', 'spent-again'));
    expect((await post('127.0.5.1', '/api/v1/auth/login', { username: 'renewer', password: 'wrong-password' })).status).toBe(401);
    // And sign-in attempts do not use up the renewals of a client.
    for (let i = 0; i < PER_IP; i++)
      expect((await post('127.0.5.2', '/api/v1/auth/login', { username: `nobody${i}`, password: 'x' })).status).toBe(401);
    expect((await refresh('127.0.5.2', 'still-has-budget')).status).toBe(401);
  });
});
