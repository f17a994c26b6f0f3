import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@starhold/common';
import { startTestServer, type TestServer } from '../harness.js';
import { rawRequest } from '../support/raw-http.js';
import { countRows, rowCounts } from '../support/rows.js';

const REGISTER = '/api/v1/auth/register';
const PASSWORD = 'correct-horse-battery';

interface BadCase {
  name: string;
  /** A JSON value (serialised), or a raw string body when `raw` is set. */
  body?: unknown;
  raw?: string;
  contentType?: string;
  chunked?: boolean;
  status: number;
  code: ErrorCode;
}

const validation = (name: string, body: unknown): BadCase => ({ name, body, status: 400, code: ErrorCode.VALIDATION_FAILED });

const badCases: BadCase[] = [
  validation('username of 2 characters', { username: 'ab', password: PASSWORD }),
  validation('username of 21 characters', { username: 'a'.repeat(21), password: PASSWORD }),
  validation('empty username', { username: '', password: PASSWORD }),
  validation('username with a space', { username: 'bad name', password: PASSWORD }),
  validation('username with a dot', { username: 'bad.name', password: PASSWORD }),
  validation('username with an @', { username: 'bad@name', password: PASSWORD }),
  validation('username with a non-ASCII letter', { username: 'jürgen', password: PASSWORD }),
  validation('username with a trailing newline', { username: 'newline\n', password: PASSWORD }),
  validation('username with leading whitespace', { username: ' padded', password: PASSWORD }),
  validation('password of 7 characters', { username: 'shortpass', password: '1234567' }),
  validation('empty password', { username: 'emptypass', password: '' }),
  validation('missing username', { password: PASSWORD }),
  validation('missing password', { username: 'nopassword' }),
  validation('empty object', {}),
  validation('an extra field', { username: 'extrafield', password: PASSWORD, isAdmin: true }),
  validation('numeric username', { username: 12345, password: PASSWORD }),
  validation('numeric password', { username: 'numpass', password: 1234567890 }),
  validation('null username', { username: null, password: PASSWORD }),
  validation('array password', { username: 'arraypass', password: [PASSWORD] }),
  validation('object username', { username: { first: 'abc' }, password: PASSWORD }),
  validation('a JSON array body', [{ username: 'inarray', password: PASSWORD }]),
  { name: 'an empty body with Content-Type: application/json', raw: '', status: 400, code: ErrorCode.VALIDATION_FAILED },
  { name: 'a non-JSON body', raw: 'username=abc&password=12345678', status: 400, code: ErrorCode.MALFORMED_JSON },
  { name: 'truncated JSON', raw: '{"username":"truncated","password":"123', status: 400, code: ErrorCode.MALFORMED_JSON },
  { name: 'a bare JSON string', raw: '"just a string"', status: 400, code: ErrorCode.MALFORMED_JSON },
  {
    name: 'JSON sent as text/plain',
    body: { username: 'textplain', password: PASSWORD },
    contentType: 'text/plain',
    status: 415,
    code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  },
  {
    name: 'a form body',
    raw: 'username=formuser&password=12345678',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
    code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  },
  {
    name: 'JSON as text/plain, chunked',
    body: { username: 'chunkplain', password: PASSWORD },
    contentType: 'text/plain',
    chunked: true,
    status: 415,
    code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  },
  { name: 'malformed JSON, chunked', raw: '{"username":', chunked: true, status: 400, code: ErrorCode.MALFORMED_JSON },
  {
    name: 'a body over 64 kb',
    body: { username: 'toolarge', password: PASSWORD, padding: 'x'.repeat(70 * 1024) },
    status: 413,
    code: ErrorCode.PAYLOAD_TOO_LARGE,
  },
  {
    name: 'a body over 64 kb, chunked',
    body: { username: 'toolargechunk', password: 'p'.repeat(70 * 1024) },
    chunked: true,
    status: 413,
    code: ErrorCode.PAYLOAD_TOO_LARGE,
  },
];

describe('POST /api/v1/auth/register', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => t?.stop());

  it('creates the player, its home planet and a session: 201 {player, accessToken, refreshToken}', async () => {
    const r = await t.api.post(REGISTER, { username: 'Alice_01', password: PASSWORD });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      player: { id: expect.any(Number), username: 'Alice_01' },
      accessToken: expect.any(String),
      accessTokenExpiresAt: new Date(t.clock.now().getTime() + 900_000).toISOString(),
      refreshToken: expect.any(String),
      deviceToken: expect.stringMatching(/^d1\./),
    });
    expect(r.body.accessToken).not.toBe(r.body.refreshToken);

    const me = await t.api.get('/api/v1/me', r.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body.player).toMatchObject({ id: r.body.player.id, username: 'Alice_01' });
    expect(me.body.planets).toHaveLength(1);
  });

  it('accepts the boundaries: 3 and 20 characters of [A-Za-z0-9_-], a password of exactly 8', async () => {
    for (const username of ['abc', 'A'.repeat(20), 'a-b_C-9', '___', '---']) {
      const r = await t.api.post(REGISTER, { username, password: '12345678' });
      expect({ username, status: r.status }).toEqual({ username, status: 201 });
    }
  });

  it.each(badCases)('rejects $name with $status $code and writes nothing', async (c) => {
    const before = await rowCounts(t);
    const body = c.raw ?? JSON.stringify(c.body);
    const r = await rawRequest(t.url, {
      method: 'POST',
      path: REGISTER,
      body,
      chunked: c.chunked ?? false,
      headers: { 'Content-Type': c.contentType ?? 'application/json' },
    });
    expect({ status: r.status, code: r.json?.error?.code }).toEqual({ status: c.status, code: c.code });
    expect(r.json).toEqual({ error: { code: c.code, message: expect.any(String), ...(r.json.error.details ? { details: expect.anything() } : {}) } });
    expect(r.json.error.message.length).toBeGreaterThan(0);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('names the offending field in a validation error', async () => {
    const r = await t.api.post(REGISTER, { username: 'ok_name', password: 'short' });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/password/);
  });

  it('answers 409 USERNAME_TAKEN for a taken name, also when only the case differs, and writes nothing', async () => {
    const first = await t.api.post(REGISTER, { username: 'Taken_Name', password: PASSWORD });
    expect(first.status).toBe(201);
    for (const username of ['Taken_Name', 'taken_name', 'TAKEN_NAME', 'tAkEn_nAmE']) {
      const before = await rowCounts(t);
      const r = await t.api.post(REGISTER, { username, password: 'another-password' });
      expect({ username, status: r.status, body: r.body }).toEqual({
        username,
        status: 409,
        body: { error: { code: ErrorCode.USERNAME_TAKEN, message: expect.any(String) } },
      });
      expect(await rowCounts(t)).toEqual(before);
    }
    // The original owner keeps the account and its password.
    const login = await t.api.post('/api/v1/auth/login', { username: 'taken_name', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.player).toEqual({ id: first.body.player.id, username: 'Taken_Name' });
  });

  it('lets exactly one of several concurrent registrations of one name (in different cases) win', async () => {
    const before = await rowCounts(t);
    const names = ['RaceName', 'racename', 'RACENAME', 'raceName', 'Racename', 'rACENAME'];
    const results = await Promise.all(names.map((username) => t.api.post(REGISTER, { username, password: PASSWORD })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe(ErrorCode.USERNAME_TAKEN);
    const after = await rowCounts(t);
    expect(after.player).toBe(before.player + 1);
    expect(after.planet).toBe(before.planet + 1);
    expect(after.refresh_token).toBe(before.refresh_token + 1);
  });

  it('writes exactly one player, one planet and one refresh token per registration', async () => {
    const before = await rowCounts(t);
    await t.api.register('counted');
    expect(await countRows(t, 'player')).toBe(before.player + 1);
    expect(await countRows(t, 'planet')).toBe(before.planet + 1);
    expect(await countRows(t, 'refresh_token')).toBe(before.refresh_token + 1);
  });
});
