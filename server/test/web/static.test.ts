// The server serving the built web client at / (server/src/http/static.ts), against a real
// server: files, SPA fallback, headers, and that /api, /socket.io and other methods keep their
// JSON answers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@starhold/common';
import { startTestServer, type TestServer } from '../harness.js';
import { WEB_CSP } from '../../src/http/static.js';

const INDEX = '<!doctype html><title>Starhold test client</title><div id="root"></div>';

/** GET with the path sent byte for byte (no URL normalization on our side). */
function rawGet(base: string, path: string): Promise<{ status: number; text: string; type: string | undefined }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const r = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), type: res.headers['content-type'] }));
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end();
  });
}

async function withWebDir<T>(dir: string | undefined, start: () => Promise<T>): Promise<T> {
  const before = process.env.STARHOLD_WEB_DIR;
  if (dir === undefined) delete process.env.STARHOLD_WEB_DIR;
  else process.env.STARHOLD_WEB_DIR = dir;
  try {
    return await start();
  } finally {
    if (before === undefined) delete process.env.STARHOLD_WEB_DIR;
    else process.env.STARHOLD_WEB_DIR = before;
  }
}

describe('web client at /', () => {
  let t: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'starhold-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("hi")');
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {})');
    t = await withWebDir(dir, () => startTestServer());
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / with a strict CSP and no caching', async () => {
    const r = await t.api.get('/');
    expect(r.status).toBe(200);
    expect(r.body).toBe(INDEX);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.headers.get('content-security-policy')).toBe(WEB_CSP);
    expect(WEB_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves hashed assets as immutable, and the service worker uncached', async () => {
    const a = await t.api.get('/assets/index-abc123.js');
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toMatch(/javascript/);
    expect(a.headers.get('cache-control')).toMatch(/immutable/);
    const sw = await t.api.get('/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
  });

  it('falls back to index.html for app paths, but a missing file stays a JSON 404', async () => {
    const deep = await t.api.get('/planets/overview');
    expect(deep.status).toBe(200);
    expect(deep.body).toBe(INDEX);
    const missing = await t.api.get('/assets/nope-000.js');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe(ErrorCode.ROUTE_NOT_FOUND);
  });

  it.each(['/api/v1/nope', '/api', '/socket.io/?EIO=4&transport=polling', '/metrics/nope'])('does not shadow %s', async (path) => {
    const r = await t.api.get(path);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe(ErrorCode.ROUTE_NOT_FOUND);
  });

  it("leaves the API's own answers alone", async () => {
    const health = await t.api.get('/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.headers.get('content-security-policy')).toBeNull();
    const post = await t.api.post('/', {});
    expect(post.status).toBe(404);
    expect(post.body.error.code).toBe(ErrorCode.ROUTE_NOT_FOUND);
  });

  it.each(['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd'])(
    'never serves files outside the folder (%s)',
    async (path) => {
      const r = await rawGet(t.url, path);
      expect(r.text).not.toMatch(/root:/);
      if (r.status === 200) expect(r.text).toBe(INDEX);
      else expect(r.status).toBeGreaterThanOrEqual(400);
    },
  );
});

describe('without a built web client', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await withWebDir(join(tmpdir(), 'starhold-no-such-web-dir'), () => startTestServer());
  });
  afterAll(async () => t?.stop());

  it('serves the API only: / is a JSON 404', async () => {
    const r = await t.api.get('/');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe(ErrorCode.ROUTE_NOT_FOUND);
    expect((await t.api.get('/api/v1/health')).status).toBe(200);
  });
});
