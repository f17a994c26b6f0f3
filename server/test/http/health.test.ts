import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../harness.js';
import { createTestDatabase } from '../support/database.js';

describe('GET /api/v1/health', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ clockStart: Date.UTC(2030, 5, 15, 8, 30, 0) });
  });
  afterAll(async () => t?.stop());

  it('answers 200 {status: ok, db: ok, …} without authentication', async () => {
    const r = await t.api.get('/api/v1/health');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.body).toEqual({
      status: 'ok',
      db: 'ok',
      node: expect.any(String),
      uptimeSeconds: expect.any(Number),
      time: '2030-06-15T08:30:00.000Z',
    });
    expect(r.body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('reports the game clock', async () => {
    t.clock.advance(90_000);
    expect((await t.api.get('/api/v1/health')).body.time).toBe('2030-06-15T08:31:30.000Z');
  });

  it('answers 503 {status: degraded, db: unreachable} when the database is gone', async () => {
    const db = await createTestDatabase();
    const doomed = await startTestServer({ dbUrl: db.url });
    try {
      expect((await doomed.api.get('/api/v1/health')).status).toBe(200);
      await db.drop(); // terminates the server's connections; reconnecting fails
      const r = await doomed.api.get('/api/v1/health');
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ status: 'degraded', db: 'unreachable' });
    } finally {
      await doomed.stop();
    }
  });
});
