import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { ErrorCode } from '@starhold/common';
import { startTestServer, type TestServer } from '../harness.js';
import { rawRequest, type RawRequest } from '../support/raw-http.js';
import { rowCounts } from '../support/rows.js';

const JSON_TYPE = { 'Content-Type': 'application/json' };

/** Exactly `{"error":{"code","message"}}`, optionally with details. */
function expectErrorBody(body: unknown, code: ErrorCode): void {
  expect(body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  const error = (body as { error: Record<string, unknown> }).error;
  expect(
    Object.keys(error)
      .filter((k) => k !== 'details')
      .sort(),
  ).toEqual(['code', 'message']);
  expect((error.message as string).length).toBeGreaterThan(0);
}

describe('the error middleware', () => {
  let t: TestServer;
  let token = '';
  beforeAll(async () => {
    t = await startTestServer();
    ({ token } = await t.api.register('errorprobe'));
  });
  afterAll(async () => t?.stop());

  it.each([
    ['GET', '/api/v1/nope'],
    ['GET', '/api/v2/health'],
    ['POST', '/api/v1/auth/nope'],
    ['GET', '/api/v1/planets/1/nope'],
    ['GET', '/api/v1/planets/'],
  ])('answers %s %s with 404 ROUTE_NOT_FOUND', async (method, path) => {
    const r = await t.api.request(method, path, method === 'POST' ? {} : undefined, token);
    expect(r.status).toBe(404);
    expectErrorBody(r.body, ErrorCode.ROUTE_NOT_FOUND);
  });

  it.each([
    ['GET', '/api/v1/auth/register', 'POST'],
    ['PUT', '/api/v1/auth/login', 'POST'],
    ['DELETE', '/api/v1/me', 'HEAD, GET'],
    ['POST', '/api/v1/health', 'HEAD, GET'],
    ['PATCH', '/api/v1/planets/1', 'HEAD, GET'],
  ])('answers %s %s with 405 METHOD_NOT_ALLOWED and Allow: %s', async (method, path, allow) => {
    const before = await rowCounts(t);
    const r = await t.api.request(method, path, method === 'GET' || method === 'DELETE' ? undefined : { username: 'x', password: 'y' }, token);
    expect(r.status).toBe(405);
    expectErrorBody(r.body, ErrorCode.METHOD_NOT_ALLOWED);
    expect(r.headers.get('allow')).toBe(allow);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('answers a method the router does not know (PROPFIND) with 405 too, not a 5xx', async () => {
    const r = await rawRequest(t.url, { method: 'PROPFIND', path: '/api/v1/me' });
    expect(r.status).toBe(405);
    expectErrorBody(r.json, ErrorCode.METHOD_NOT_ALLOWED);
  });

  // The body checks run before any route, so they hold for every JSON endpoint.
  const bodyCases: Array<[string, Omit<RawRequest, 'method' | 'path'>, number, ErrorCode]> = [
    ['malformed JSON', { headers: JSON_TYPE, body: '{"refreshToken": nope}' }, 400, ErrorCode.MALFORMED_JSON],
    ['a lone brace', { headers: JSON_TYPE, body: '{' }, 400, ErrorCode.MALFORMED_JSON],
    ['a bare number', { headers: JSON_TYPE, body: '42' }, 400, ErrorCode.MALFORMED_JSON],
    ['a corrupt gzip body', { headers: { ...JSON_TYPE, 'Content-Encoding': 'gzip' }, body: 'this is not gzip' }, 400, ErrorCode.MALFORMED_JSON],
    ['an unknown Content-Encoding', { headers: { ...JSON_TYPE, 'Content-Encoding': 'compress' }, body: '{}' }, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE],
    ['text/plain', { headers: { 'Content-Type': 'text/plain' }, body: '{}' }, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE],
    ['no Content-Type at all', { body: '{"username":"abc"}' }, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE],
    ['no Content-Type, chunked', { body: '{"username":"abc"}', chunked: true }, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE],
    ['multipart/form-data', { headers: { 'Content-Type': 'multipart/form-data; boundary=x' }, body: '--x--' }, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE],
    ['a 65 kb body', { headers: JSON_TYPE, body: JSON.stringify({ refreshToken: 'r'.repeat(65 * 1024) }) }, 413, ErrorCode.PAYLOAD_TOO_LARGE],
    ['a 1 MB body', { headers: JSON_TYPE, body: JSON.stringify({ username: 'u'.repeat(1024 * 1024) }) }, 413, ErrorCode.PAYLOAD_TOO_LARGE],
    [
      'a small gzip body that inflates beyond 64 kb',
      {
        headers: { ...JSON_TYPE, 'Content-Encoding': 'gzip' },
        body: gzipSync(JSON.stringify({ username: 'zip', password: ' '.repeat(300 * 1024) })),
      },
      413,
      ErrorCode.PAYLOAD_TOO_LARGE,
    ],
  ];
  const endpoints = ['/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout'];

  it.each(bodyCases)('rejects %s on every auth endpoint with the same status and code, writing nothing', async (_name, req, status, code) => {
    for (const path of endpoints) {
      const before = await rowCounts(t);
      const r = await rawRequest(t.url, { method: 'POST', path, ...req });
      expect({ path, status: r.status }).toEqual({ path, status });
      expectErrorBody(r.json, code);
      expect(await rowCounts(t)).toEqual(before);
    }
  });

  it('rejects a __proto__ key as a client error and writes nothing', async () => {
    const before = await rowCounts(t);
    const r = await rawRequest(t.url, {
      method: 'POST',
      path: '/api/v1/auth/register',
      headers: JSON_TYPE,
      body: '{"username":"protouser","password":"long-enough-password","__proto__":{"admin":true}}',
    });
    expect(r.status).toBe(400);
    expectErrorBody(r.json, ErrorCode.VALIDATION_FAILED);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('accepts a well-formed gzip JSON body, and treats a POST without a body as an empty object', async () => {
    const gz = await rawRequest(t.url, {
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { ...JSON_TYPE, 'Content-Encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ username: 'errorprobe', password: 'correct-horse-battery' })),
    });
    expect(gz.status).toBe(200);
    // No body and no Content-Type is not a 415: the route sees an empty object.
    for (const headers of [{ 'Content-Length': '0' }, {}] as Array<Record<string, string>>) {
      const empty = await rawRequest(t.url, { method: 'POST', path: '/api/v1/auth/logout', headers });
      expect(empty.status).toBe(400);
      expectErrorBody(empty.json, ErrorCode.VALIDATION_FAILED);
      expect(empty.json.error.message).toMatch(/refreshToken/);
    }
  });

  it('never answers garbage with a 5xx (a 4xx always carries a code)', async () => {
    const probes: RawRequest[] = [
      { method: 'GET', path: '/api/v1/planets/%E0%A4%A', headers: { Authorization: `Bearer ${token}` } },
      { method: 'GET', path: '/api/v1/me', headers: { Authorization: 'Bearer ' + 'x'.repeat(4000) } },
      { method: 'POST', path: '/api/v1/auth/login', headers: JSON_TYPE, body: `${'['.repeat(30_000)}${']'.repeat(30_000)}` },
      { method: 'POST', path: '/api/v1/auth/login', headers: JSON_TYPE, body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
      { method: 'POST', path: '/api/v1/auth/login', headers: JSON_TYPE, body: JSON.stringify({ username: 'a'.repeat(10_000), password: 'b' }) },
      { method: 'POST', path: '/api/v1/auth/refresh', headers: JSON_TYPE, body: JSON.stringify({ refreshToken: '\u0000\uffff' }) },
      {
        method: 'POST',
        path: '/api/v1/auth/login',
        headers: JSON_TYPE,
        body: JSON.stringify({ username: 'nul\u0000name', password: 'whatever-password' }),
      },
      { method: 'POST', path: '/api/v1/auth/logout', headers: JSON_TYPE, body: JSON.stringify({ refreshToken: 'nul\u0000token' }) },
    ];
    for (const p of probes) {
      const r = await rawRequest(t.url, p);
      expect({ path: p.path, status: r.status < 500 }).toEqual({ path: p.path, status: true });
      if (r.status >= 400) expect(r.json?.error?.code).toEqual(expect.any(String));
    }
  });

  it('echoes X-Request-Id, or makes one up', async () => {
    const given = await t.api.request('GET', '/api/v1/nope', undefined, undefined, { 'X-Request-Id': 'req-123' });
    expect(given.headers.get('x-request-id')).toBe('req-123');
    const made = await t.api.get('/api/v1/nope');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  // Node's HTTP parser refuses these before Koa sees them (http/client-error.ts).
  it.each([
    ['headers over 16 KiB', `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`, 431, ErrorCode.HEADERS_TOO_LARGE],
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n', 400, ErrorCode.MALFORMED_REQUEST],
  ])('answers %s with %i and the JSON error body, then closes the connection', async (_what, request, status, code) => {
    const answer = await rawExchange(t.port, request);
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(head).toMatch(/\r\ncontent-type: application\/json; charset=utf-8\r\n/i);
    expect(head).toMatch(/\r\nconnection: close(\r\n|$)/i);
    expectErrorBody(JSON.parse(body), code);
    expect((await t.api.get('/api/v1/health')).status).toBe(200);
  });
});

/** Writes `request` on a fresh TCP connection and resolves with everything read until the server closes it. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
