// Observability against a real server: /metrics after real traffic (HTTP, REST and socket commands,
// a tick, a replaying reconnect), request ids in the access log (pino captured through a custom
// destination), and LOG_LEVEL still deciding what is written.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { runTick } from '../../src/game/tick.js';
import { gatewayPlugin } from '../../src/realtime/gateway.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { Api } from '../harness.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { connectClient, newClientId, type TestClient } from '../realtime/client.js';

type LogLine = Record<string, unknown>;

interface Observed {
  server: RunningServer;
  api: Api;
  clock: ManualClock;
  logs: LogLine[];
  stop(): Promise<void>;
}

/** A real server whose pino output is captured line by line. */
async function observedServer(level: string, db: TestDatabase): Promise<Observed> {
  const dataDir = mkdtempSync(join(tmpdir(), 'starhold-obs-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    STARHOLD_DATA_DIR: dataDir,
    STARHOLD_BCRYPT_COST: '4',
    STARHOLD_TICK_MS: '0',
    STARHOLD_JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    STARHOLD_ACCESS_TOKEN_TTL_S: '86400',
    LOG_LEVEL: level,
  });
  const logs: LogLine[] = [];
  const logger = pino(
    { level: config.logLevel },
    {
      write: (s: string) => {
        logs.push(JSON.parse(s) as LogLine);
      },
    },
  );
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
  const server = await startServer({ config, clock, logger, plugins: [gatewayPlugin()] });
  return {
    server,
    api: new Api(server.url),
    clock,
    logs,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `name{labels} value` samples of one metric from the Prometheus text. */
function samples(text: string, name: string): { labels: string; value: number }[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .map((l) => {
      const m = /^[^{ ]+(\{[^}]*\})?\s+(\S+)$/.exec(l);
      return { labels: m?.[1] ?? '', value: Number(m?.[2]) };
    });
}

describe('observability', () => {
  let db: TestDatabase;
  let o: Observed;
  let client: TestClient | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    o = await observedServer('info', db);
  });
  afterAll(async () => {
    client?.close();
    await o?.stop();
    await db?.drop();
  });

  it('exposes every metric family after real traffic, HTTP durations labelled by route pattern', async () => {
    const a = await o.api.register('metrics-alice');
    expect((await o.api.get(`/api/v1/planets/${a.planetId}`, a.token)).status).toBe(200);
    expect((await o.api.get('/api/v1/planets/999999', a.token)).status).toBe(404);
    expect((await o.api.post(`/api/v1/planets/${a.planetId}/buildings/metalMine/upgrade`, undefined, a.token)).status).toBe(202);
    expect((await o.api.post(`/api/v1/planets/${a.planetId}/buildings/noSuchThing/upgrade`, undefined, a.token)).status).toBe(422);
    expect((await o.api.get('/api/v1/no/such/path')).status).toBe(404);
    // A socket that reconnects from seq 0 gets the stream replayed, then sends a command.
    client = await connectClient(o.server.url, { token: a.token, clientId: newClientId('metrics'), lastSeq: 0 });
    const ack = await client.command({
      clientId: newClientId('other'),
      seq: 1,
      type: 'buildings.upgrade',
      payload: { planetId: a.planetId, building: 'crystalMine' },
    });
    expect(ack.status).toBe('error'); // a foreign clientId: answered, not run
    o.clock.advance(3_600_000);
    await runTick(o.server.services);

    const r = await fetch(`${o.server.url}/metrics`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await r.text();

    const http = samples(text, 'starhold_http_request_duration_seconds_count');
    const count = (method: string, route: string, status: number) =>
      http.find((s) => s.labels === `{method="${method}",route="${route}",status="${status}"}`)?.value ?? 0;
    expect(count('GET', '/api/v1/planets/:id', 200)).toBe(1);
    expect(count('GET', '/api/v1/planets/:id', 404)).toBe(1);
    expect(count('POST', '/api/v1/planets/:id/buildings/:building/upgrade', 202)).toBe(1);
    expect(count('POST', '/api/v1/planets/:id/buildings/:building/upgrade', 422)).toBe(1);
    expect(count('GET', 'unmatched', 404)).toBe(1);
    expect(http.filter((s) => s.labels.includes(`/planets/${a.planetId}`) || s.labels.includes('999999') || s.labels.includes('/no/such'))).toEqual(
      [],
    );

    expect(samples(text, 'starhold_commands_total')).toEqual(
      expect.arrayContaining([
        { labels: '{type="buildings.upgrade",status="applied"}', value: 1 },
        { labels: '{type="buildings.upgrade",status="rejected"}', value: 1 },
      ]),
    );
    expect(samples(text, 'starhold_command_duration_seconds_count')).toEqual([{ labels: '{type="buildings.upgrade"}', value: 2 }]);
    expect(samples(text, 'starhold_tick_duration_seconds_count')).toEqual([{ labels: '', value: 1 }]);
    expect(samples(text, 'starhold_tick_events_applied_total')).toEqual([{ labels: '', value: 1 }]);
    expect(samples(text, 'starhold_tick_lag_seconds')[0]?.value).toBeGreaterThan(0);
    expect(samples(text, 'starhold_socket_connections')).toEqual([{ labels: '', value: 1 }]);
    expect(samples(text, 'starhold_socket_command_ack_seconds_count')).toEqual([{ labels: '', value: 1 }]);
    expect(samples(text, 'starhold_stream_replayed_events_total')[0]?.value).toBeGreaterThan(0);
    expect(samples(text, 'starhold_presence_players')).toEqual(expect.arrayContaining([{ labels: '{status="online"}', value: 1 }]));
    const pool = Object.fromEntries(samples(text, 'starhold_db_pool_connections').map((s) => [s.labels, s.value]));
    expect(pool['{state="max"}']).toBe(10);
    expect(pool['{state="total"}']).toBeGreaterThanOrEqual(1);
    expect(pool['{state="in_use"}']! + pool['{state="idle"}']!).toBe(pool['{state="total"}']);
    expect(samples(text, 'starhold_nodejs_eventloop_lag_seconds')).toHaveLength(1);
  });

  it('writes one access line per request carrying its request id, which the answer echoes', async () => {
    const r = await o.api.request('GET', '/api/v1/me', undefined, undefined, { 'X-Request-Id': 'trace-42.abc:def' });
    expect(r.status).toBe(401);
    expect(r.headers.get('x-request-id')).toBe('trace-42.abc:def');
    const line = o.logs.find((l) => l.requestId === 'trace-42.abc:def' && l.msg === 'request');
    expect(line).toMatchObject({ level: 30, method: 'GET', route: '/api/v1/me', path: '/api/v1/me', status: 401, durationMs: expect.any(Number) });

    // Generated when missing; replaced when too long or not plain.
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const given of [undefined, 'x'.repeat(129), 'bad id with spaces', 'inject"\\n{']) {
      const res = await o.api.request('GET', '/api/v1/health', undefined, undefined, given === undefined ? {} : { 'X-Request-Id': given });
      const id = res.headers.get('x-request-id') ?? '';
      expect(id).toMatch(uuid);
      expect(o.logs.filter((l) => l.requestId === id)).toHaveLength(0); // health is logged at debug only
    }
    const generated = (await o.api.get('/api/v1/research')).headers.get('x-request-id') ?? '';
    expect(generated).toMatch(uuid);
    expect(o.logs.filter((l) => l.requestId === generated)).toEqual([
      expect.objectContaining({ msg: 'request', route: '/api/v1/research', status: 401 }),
    ]);
  });

  it('respects LOG_LEVEL: at warn there are no access lines', async () => {
    const quiet = await observedServer('warn', db);
    try {
      expect((await quiet.api.get('/api/v1/me')).status).toBe(401);
      expect((await quiet.api.get('/api/v1/health')).status).toBe(200);
      expect(quiet.logs.filter((l) => l.msg === 'request')).toEqual([]);
    } finally {
      await quiet.stop();
    }
  });
});
