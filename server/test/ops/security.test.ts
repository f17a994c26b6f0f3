// Hardening against a real server: security headers on every kind of answer, CORS only for the
// configured origins (REST and the Socket.IO handshake alike), and the socket's message size limit.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.js';
import { gatewayPlugin } from '../../src/realtime/gateway.js';
import { WEB_CSP } from '../../src/http/static.js';
import { startTestServer, type TestServer } from '../harness.js';
import { rawRequest, type RawResponse } from '../support/raw-http.js';
import { connectClient, newClientId, socketFor, type TestClient } from '../realtime/client.js';

const ALLOWED = 'https://play.example.org';
const ALSO_ALLOWED = 'http://nas.local:8080';
const EVIL = 'https://evil.example.com';

function expectHardened(r: RawResponse): void {
  expect({
    nosniff: r.headers['x-content-type-options'],
    frame: r.headers['x-frame-options'],
    referrer: r.headers['referrer-policy'],
    opener: r.headers['cross-origin-opener-policy'],
    resource: r.headers['cross-origin-resource-policy'],
    poweredBy: r.headers['x-powered-by'],
    hsts: r.headers['strict-transport-security'],
  }).toEqual({
    nosniff: 'nosniff',
    frame: 'DENY',
    referrer: 'no-referrer',
    opener: 'same-origin',
    resource: 'same-origin',
    poweredBy: undefined,
    hsts: undefined,
  });
}

/** Resolves once the socket is connected (true) or refused (false). */
function handshake(url: string, token: string, headers: Record<string, string>): Promise<boolean> {
  const socket = socketFor(url, { token, clientId: newClientId('origin'), lastSeq: 0 }, { extraHeaders: headers });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.disconnect();
      resolve(true);
    });
    socket.once('connect_error', () => {
      socket.disconnect();
      resolve(false);
    });
  });
}

describe('security headers, CORS and socket limits', () => {
  let t: TestServer;
  let token: string;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_CORS_ORIGINS: `${ALLOWED}, ${ALSO_ALLOWED}` }, plugins: () => [gatewayPlugin()] });
    token = (await t.api.register('sec-alice')).token;
  });
  afterAll(async () => t?.stop());

  const get = (path: string, headers: Record<string, string> = {}) => rawRequest(t.url, { method: 'GET', path, headers });

  it('sends the security headers on successes, errors and the docs page; the docs page gets the strict CSP', async () => {
    const ok = await get('/api/v1/health');
    expect(ok.status).toBe(200);
    expectHardened(ok);
    const unauthenticated = await get('/api/v1/me');
    expect(unauthenticated.status).toBe(401);
    expectHardened(unauthenticated);
    const missing = await get('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expectHardened(missing);
    const docs = await get('/api/docs');
    expect(docs.status).toBe(200);
    expectHardened(docs);
    expect(docs.headers['content-security-policy']).toBe(WEB_CSP);
  });

  it('answers CORS only for the configured origins', async () => {
    for (const origin of [ALLOWED, ALSO_ALLOWED]) {
      const r = await get('/api/v1/me', { Origin: origin, Authorization: `Bearer ${token}` });
      expect(r.status).toBe(200);
      expect(r.headers['access-control-allow-origin']).toBe(origin);
      expect(r.headers['access-control-allow-credentials']).toBeUndefined();
      expect(String(r.headers['access-control-expose-headers'])).toContain('Retry-After');
      expect(String(r.headers.vary)).toMatch(/Origin/);
    }
    // Errors carry it too, so the page can read the error code.
    expect((await get('/api/v1/me', { Origin: ALLOWED })).headers['access-control-allow-origin']).toBe(ALLOWED);
    for (const origin of [EVIL, 'null', `${ALLOWED}.evil.com`, 'https://play.example.org:444']) {
      const r = await get('/api/v1/me', { Origin: origin, Authorization: `Bearer ${token}` });
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('passes the preflight of an allowed origin and fails any other', async () => {
    const preflight = (origin: string) =>
      rawRequest(t.url, {
        method: 'OPTIONS',
        path: '/api/v1/commands',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
      });
    const ok = await preflight(ALLOWED);
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(String(ok.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(ok.headers['access-control-allow-headers'])).toMatch(/Authorization.*Content-Type/);
    expect(ok.headers['access-control-max-age']).toBe('600');
    const denied = await preflight(EVIL);
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    expect(denied.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('lets no web origin in by default, only the desktop app', async () => {
    const plain = await startTestServer();
    try {
      const r = await rawRequest(plain.url, { method: 'GET', path: '/api/v1/health', headers: { Origin: ALLOWED } });
      expect(r.status).toBe(200);
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
      // The Electron shell serves its pages from starhold://app, an origin no web page can send.
      const desktop = await rawRequest(plain.url, { method: 'GET', path: '/api/v1/health', headers: { Origin: 'starhold://app' } });
      expect(desktop.headers['access-control-allow-origin']).toBe('starhold://app');
      for (const origin of ['null', 'file://', 'starhold://evil']) {
        const other = await rawRequest(plain.url, { method: 'GET', path: '/api/v1/health', headers: { Origin: origin } });
        expect(other.headers['access-control-allow-origin']).toBeUndefined();
      }
    } finally {
      await plain.stop();
    }
  });

  it('rejects malformed STARHOLD_CORS_ORIGINS at start', () => {
    for (const bad of ['*', 'https://a.example/', 'play.example.org', 'ftp://a.example', 'https://a.example/path']) {
      expect(() => loadConfig({ STARHOLD_JWT_SECRET: 'x'.repeat(32), STARHOLD_CORS_ORIGINS: bad })).toThrow(ConfigError);
    }
    expect(loadConfig({ STARHOLD_JWT_SECRET: 'x'.repeat(32), STARHOLD_CORS_ORIGINS: ' https://a.example ,http://b.lan:3000,' }).corsOrigins).toEqual([
      'https://a.example',
      'http://b.lan:3000',
    ]);
    // Pages loaded from files (the Electron shell) only by explicit opt-in.
    expect(loadConfig({ STARHOLD_JWT_SECRET: 'x'.repeat(32), STARHOLD_CORS_ORIGINS: 'null,file://' }).corsOrigins).toEqual(['null', 'file://']);
  });

  it('generates the JWT secret once into the data folder, readable by its owner only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'starhold-secret-'));
    try {
      const first = loadConfig({ STARHOLD_DATA_DIR: dir }).jwtSecret;
      expect(first.length).toBeGreaterThanOrEqual(64);
      expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(first);
      expect(loadConfig({ STARHOLD_DATA_DIR: dir }).jwtSecret).toBe(first);
      expect(() => loadConfig({ STARHOLD_DATA_DIR: dir, STARHOLD_JWT_SECRET: 'too-short' })).toThrow(ConfigError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies the same origin rule to the socket handshake', async () => {
    const host = new URL(t.url).host;
    expect(await handshake(t.url, token, {})).toBe(true); // not a browser: no Origin
    expect(await handshake(t.url, token, { Origin: `http://${host}` })).toBe(true); // same origin (the served web client)
    expect(await handshake(t.url, token, { Origin: ALLOWED })).toBe(true);
    expect(await handshake(t.url, token, { Origin: EVIL })).toBe(false);
    expect(await handshake(t.url, token, { Origin: 'null' })).toBe(false);
    expect(await handshake(t.url, token, { Origin: 'starhold://app' })).toBe(true); // the desktop app
    expect(await handshake(t.url, token, { Origin: 'starhold://evil' })).toBe(false);
  });

  it('answers a socket message over 64 KiB with PAYLOAD_TOO_LARGE and keeps the socket; closes it over 1 MiB', async () => {
    const a = await t.api.register('sec-big');
    const c: TestClient = await connectClient(t.url, { token: a.token, clientId: newClientId('big'), lastSeq: 0 });
    const clientId = c.socket.auth && (c.socket.auth as { clientId: string }).clientId;
    const small = await c.command({
      clientId,
      seq: 1,
      type: 'buildings.upgrade',
      payload: { planetId: a.planetId, building: 'x'.repeat(60 * 1024) },
    });
    expect(small).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION_FAILED' } });
    const big = await c.command({ clientId, seq: 2, type: 'buildings.upgrade', payload: { planetId: a.planetId, building: 'x'.repeat(65 * 1024) } });
    expect(big).toMatchObject({ status: 'error', error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(c.socket.connected).toBe(true);
    c.socket.emit(
      'command',
      { clientId, seq: 2, type: 'buildings.upgrade', payload: { planetId: a.planetId, building: 'x'.repeat(1024 * 1024) } },
      () => undefined,
    );
    await c.waitFor('$disconnect');
    expect(c.disconnectReason).toMatch(/transport (close|error)/);
  });
});
