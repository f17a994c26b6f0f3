import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { ErrorCode } from '@starhold/common';
import { startTestServer, type TestServer } from '../harness.js';
import { rowCounts } from '../support/rows.js';

const PASSWORD = 'correct-horse-battery';
const errorBody = (code: ErrorCode) => ({ error: { code, message: expect.any(String) } });

describe('login, refresh, logout and access tokens', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => t?.stop());

  const login = (username: string, password: string) => t.api.post('/api/v1/auth/login', { username, password });
  const refresh = (refreshToken: string) => t.api.post('/api/v1/auth/refresh', { refreshToken });
  const logout = (refreshToken: string) => t.api.post('/api/v1/auth/logout', { refreshToken });

  describe('POST /api/v1/auth/login', () => {
    it('answers 200 with the register shape, for any case of the username', async () => {
      const reg = await t.api.register('LoginUser', PASSWORD);
      for (const username of ['LoginUser', 'loginuser', 'LOGINUSER']) {
        const r = await login(username, PASSWORD);
        expect(r.status).toBe(200);
        expect(r.body).toEqual({
          player: { id: reg.playerId, username: 'LoginUser' },
          accessToken: expect.any(String),
          accessTokenExpiresAt: expect.any(String),
          refreshToken: expect.any(String),
          deviceToken: expect.stringMatching(/^d1\./),
        });
        expect((await t.api.get('/api/v1/me', r.body.accessToken)).status).toBe(200);
      }
    });

    it('gives a wrong password and an unknown user the identical 401 INVALID_CREDENTIALS, writing nothing', async () => {
      await t.api.register('Existing', PASSWORD);
      const before = await rowCounts(t);
      const wrongPassword = await login('Existing', 'not-the-password');
      const unknownUser = await login('NobodyHere', 'not-the-password');
      const unknownSamePassword = await login('NobodyHere', PASSWORD);
      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body).toEqual(errorBody(ErrorCode.INVALID_CREDENTIALS));
      expect(unknownUser.status).toBe(wrongPassword.status);
      expect(unknownUser.body).toEqual(wrongPassword.body);
      expect(unknownSamePassword.body).toEqual(wrongPassword.body);
      expect(await rowCounts(t)).toEqual(before);
    });

    it('answers names that cannot exist (NUL byte, odd characters, too long for a username) the same way', async () => {
      const wrong = await login('Existing', 'not-the-password');
      for (const username of ['Exis\u0000ting', 'Existing\n', 'exi sting', 'ü'.repeat(5), 'x'.repeat(64)]) {
        const r = await login(username, 'not-the-password');
        expect({ username, status: r.status, body: r.body }).toEqual({ username, status: wrong.status, body: wrong.body });
      }
    });

    it.each([
      ['missing password', { username: 'Existing' }],
      ['missing username', { password: PASSWORD }],
      ['an extra field', { username: 'Existing', password: PASSWORD, remember: true }],
      ['a numeric password', { username: 'Existing', password: 12345678 }],
      ['an empty username', { username: '', password: PASSWORD }],
    ])('rejects %s with 400 VALIDATION_FAILED', async (_name, body) => {
      const before = await rowCounts(t);
      const r = await t.api.post('/api/v1/auth/login', body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(await rowCounts(t)).toEqual(before);
    });

    it('answers 403 BANNED only to the right password of a banned account', async () => {
      const reg = await t.api.register('Banned1', PASSWORD);
      await t.services.orm.em.fork().execute('update player set banned_at = now() where id = ?', [reg.playerId]);
      const right = await login('Banned1', PASSWORD);
      expect(right.status).toBe(403);
      expect(right.body).toEqual(errorBody(ErrorCode.BANNED));
      const wrong = await login('Banned1', 'not-the-password');
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe(ErrorCode.INVALID_CREDENTIALS);
      // An access token issued before the ban stops working too.
      const me = await t.api.get('/api/v1/me', reg.token);
      expect(me.status).toBe(403);
      expect(me.body.error.code).toBe(ErrorCode.BANNED);
    });
  });

  describe('POST /api/v1/auth/refresh', () => {
    it('rotates: returns a new working pair, and the old refresh token no longer works', async () => {
      const reg = await t.api.register('Rotator', PASSWORD);
      const r1 = await refresh(reg.refreshToken);
      expect(r1.status).toBe(200);
      expect(r1.body).toEqual({
        player: { id: reg.playerId, username: 'Rotator' },
        accessToken: expect.any(String),
        accessTokenExpiresAt: expect.any(String),
        refreshToken: expect.any(String),
        deviceToken: expect.stringMatching(/^d1\./),
      });
      expect(r1.body.refreshToken).not.toBe(reg.refreshToken);
      expect(r1.body.accessToken).not.toBe(reg.token);
      expect((await t.api.get('/api/v1/me', r1.body.accessToken)).body.player.id).toBe(reg.playerId);

      const r2 = await refresh(r1.body.refreshToken);
      expect(r2.status).toBe(200);
      expect(r2.body.refreshToken).not.toBe(r1.body.refreshToken);
    });

    it('revokes the whole family when a used token is presented again (the newest token then fails)', async () => {
      const reg = await t.api.register('Reuser', PASSWORD);
      const other = await login('Reuser', PASSWORD); // a second login = an unrelated family
      const r1 = await refresh(reg.refreshToken);
      const r2 = await refresh(r1.body.refreshToken);
      expect(r2.status).toBe(200);

      const reuse = await refresh(reg.refreshToken);
      expect(reuse.status).toBe(401);
      expect(reuse.body).toEqual(errorBody(ErrorCode.INVALID_REFRESH_TOKEN));

      const newest = await refresh(r2.body.refreshToken);
      expect(newest.status).toBe(401);
      expect(newest.body).toEqual(errorBody(ErrorCode.INVALID_REFRESH_TOKEN));
      expect((await refresh(r1.body.refreshToken)).status).toBe(401);

      const untouched = await refresh(other.body.refreshToken);
      expect(untouched.status).toBe(200);
    });

    it('gives concurrent uses of one token exactly one new pair', async () => {
      const reg = await t.api.register('Racer', PASSWORD);
      const results = await Promise.all([1, 2, 3, 4].map(() => refresh(reg.refreshToken)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401, 401]);
      // The reuse revoked the family, including the one winner's new token.
      const winner = results.find((r) => r.status === 200);
      expect((await refresh(winner?.body.refreshToken as string)).status).toBe(401);
    });

    it('rejects an unknown token and an expired one with 401 INVALID_REFRESH_TOKEN', async () => {
      const unknown = await refresh('definitely-not-a-refresh-token');
      expect(unknown.status).toBe(401);
      expect(unknown.body).toEqual(errorBody(ErrorCode.INVALID_REFRESH_TOKEN));

      const reg = await t.api.register('Expirer', PASSWORD);
      t.clock.advance(t.config.refreshTokenTtlS * 1000 + 1);
      const expired = await refresh(reg.refreshToken);
      expect(expired.status).toBe(401);
      expect(expired.body).toEqual(errorBody(ErrorCode.INVALID_REFRESH_TOKEN));
    });

    it.each([
      ['a missing token', {}],
      ['a numeric token', { refreshToken: 42 }],
      ['an empty token', { refreshToken: '' }],
      ['an extra field', { refreshToken: 'abc', playerId: 1 }],
    ])('rejects %s with 400 VALIDATION_FAILED and writes nothing', async (_name, body) => {
      const before = await rowCounts(t);
      const r = await t.api.post('/api/v1/auth/refresh', body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(await rowCounts(t)).toEqual(before);
    });
  });

  describe('POST /api/v1/auth/logout', () => {
    it('revokes the token and its family; other sessions stay valid', async () => {
      const reg = await t.api.register('Leaver', PASSWORD);
      const otherDevice = await login('Leaver', PASSWORD);
      const rotated = await refresh(reg.refreshToken);
      const out = await logout(rotated.body.refreshToken);
      expect(out.status).toBe(204);
      expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
      expect((await refresh(otherDevice.body.refreshToken)).status).toBe(200);
    });

    it('answers 204 for an unknown token (reveals nothing) and 400 for a bad body', async () => {
      expect((await logout('never-issued')).status).toBe(204);
      const bad = await t.api.post('/api/v1/auth/logout', { token: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe(ErrorCode.VALIDATION_FAILED);
    });
  });

  describe('Authorization: Bearer access tokens', () => {
    it('answers 401 UNAUTHENTICATED without a header or with another scheme', async () => {
      const none = await t.api.get('/api/v1/me');
      expect(none.status).toBe(401);
      expect(none.body).toEqual(errorBody(ErrorCode.UNAUTHENTICATED));
      const basic = await t.api.request('GET', '/api/v1/me', undefined, undefined, { Authorization: 'Basic dXNlcjpwYXNz' });
      expect(basic.status).toBe(401);
      expect(basic.body).toEqual(errorBody(ErrorCode.UNAUTHENTICATED));
    });

    it('answers 401 AUTH_INVALID for garbage, a tampered token and a token signed with another secret', async () => {
      const reg = await t.api.register('Tamper', PASSWORD);
      const [header, payload, signature] = reg.token.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const forgedPayload = Buffer.from(JSON.stringify({ ...claims, sub: '1' })).toString('base64url');
      const foreign = await new SignJWT({ name: 'Tamper' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(reg.playerId))
        .setIssuer('starhold')
        .setIssuedAt(Math.floor(t.clock.now().getTime() / 1000))
        .setExpirationTime(Math.floor(t.clock.now().getTime() / 1000) + 600)
        .sign(new TextEncoder().encode('some-other-secret-some-other-secret-0123456789'));
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
      for (const token of ['garbage', 'a.b.c', `${header}.${forgedPayload}.${signature}`, foreign, unsigned]) {
        const r = await t.api.get('/api/v1/me', token);
        expect({ token, status: r.status, body: r.body }).toEqual({ token, status: 401, body: errorBody(ErrorCode.AUTH_INVALID) });
      }
    });

    it('answers 401 AUTH_EXPIRED once the clock passes the 900 s lifetime', async () => {
      const reg = await t.api.register('Expiring', PASSWORD);
      t.clock.advance(899_000);
      expect((await t.api.get('/api/v1/me', reg.token)).status).toBe(200);
      t.clock.advance(2_000);
      const r = await t.api.get('/api/v1/me', reg.token);
      expect(r.status).toBe(401);
      expect(r.body).toEqual(errorBody(ErrorCode.AUTH_EXPIRED));
      // The refresh token still gets a fresh access token.
      const renewed = await refresh(reg.refreshToken);
      expect((await t.api.get('/api/v1/me', renewed.body.accessToken)).status).toBe(200);
    });
  });
});
