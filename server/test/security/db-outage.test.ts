// Database outage: a dedicated embedded PostgreSQL is stopped under load (socket and REST clients
// sending commands, the tick loop beating) and started again on the same port. Meanwhile the
// server stays up, health says degraded, every route answers 503 SERVICE_UNAVAILABLE or works
// without the database (never 500), socket commands get SERVICE_UNAVAILABLE error acks, and no
// cursor moves. Afterwards the pool reconnects, the clients resend, and every command is applied
// exactly once; the tick loop catches up. Prints the counts.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@starhold/common';
import { startTestServer, type TestServer } from '../harness.js';
import { newClientId, patchPlanet, sql } from '../support/game-sql.js';
import { seededRandom } from '../support/rng.js';
import { waitFor } from '../support/wait-for.js';
import { startEmbeddedPostgres, type EmbeddedDb } from '../../src/db/embedded.js';
import { isTransientDbError } from '../../src/db/transient.js';
import { tickLoopPlugin } from '../../src/game/tick-loop.js';
import { runTick } from '../../src/game/tick.js';
import { gatewayPlugin } from '../../src/realtime/gateway.js';
import { refusal } from '../realtime/client.js';
import { ChaosClient } from './support/chaos-client.js';
import { upgradesAndCancels, verifyExactlyOnce } from './support/exactly-once.js';
import { invariantViolations } from './support/invariants.js';
import { RestOutbox } from './support/rest-outbox.js';
import { send } from './support/send.js';
import { httpRoutes, routeKey } from './support/surface.js';

const SEED = 20_261_125;
const SOCKET_COMMANDS = 40;
const REST_COMMANDS = 40;
const START = { metal: 50_000_000, crystal: 50_000_000, deuterium: 50_000_000 };

/** Waits until `cond` holds, well within the test's 90 s. */
const until = async (what: string, cond: () => boolean | Promise<boolean>): Promise<void> => {
  await waitFor(cond, { what, timeoutMs: 20_000, intervalMs: 20 });
};

describe('database outage: degraded, never 500, nothing lost or doubled', () => {
  let dir: string;
  let pg: EmbeddedDb;
  let t: TestServer;
  const sockets: ChaosClient[] = [];
  const rests: RestOutbox[] = [];
  const pgStart = (port?: number) => startEmbeddedPostgres({ dataDir: dir, database: 'starhold', log: () => undefined, ...(port ? { port } : {}) });

  beforeAll(async () => {
    // Under /tmp and 0755, so that the `postgres` user can reach it when the tests run as root.
    dir = await mkdtemp(path.join('/tmp', 'starhold-outage-'));
    await chmod(dir, 0o755);
    pg = await pgStart();
    t = await startTestServer({
      dbUrl: pg.url,
      env: { STARHOLD_TICK_MS: '50', STARHOLD_COMMAND_RATE_LIMIT: '1000000', STARHOLD_ACCESS_TOKEN_TTL_S: '31536000' },
      plugins: () => [tickLoopPlugin(), gatewayPlugin()],
    });
  }, 60_000);
  afterAll(async () => {
    for (const c of sockets) c.close();
    for (const r of rests) r.close();
    await t?.stop();
    await pg?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves 503s while PostgreSQL is down and applies every command exactly once after it is back', async () => {
    const players = [];
    for (let i = 0; i < 4; i++) {
      const p = await t.api.register(`outage${i}`);
      await patchPlanet(t, p.planetId, { ...START, settledAt: t.clock.now() });
      players.push(p);
    }
    players.slice(0, 2).forEach((p, i) =>
      sockets.push(
        new ChaosClient({
          url: t.url,
          token: p.token,
          clientId: newClientId(`outsock${i}`),
          total: SOCKET_COMMANDS,
          window: 4,
          compose: upgradesAndCancels(p.planetId, seededRandom(SEED + i)),
        }),
      ),
    );
    players.slice(2).forEach((p, i) =>
      rests.push(
        new RestOutbox({
          api: t.api,
          token: p.token,
          clientId: newClientId(`outrest${i}`),
          total: REST_COMMANDS,
          compose: upgradesAndCancels(p.planetId, seededRandom(SEED + 10 + i)),
        }),
      ),
    );
    const restRuns = rests.map((r) => r.run());
    const answered = () => [...sockets, ...rests].reduce((n, c) => n + c.answers.size, 0);

    // --- Under load, PostgreSQL goes away.
    // Stop after 30 answers in all: every client (40 commands each) still has work to send during the outage.
    await until('30 answers before the outage', () => answered() >= 30);
    const port = pg.port;
    const url = pg.url;
    await pg.stop();
    const health = await t.api.get('/api/v1/health');
    expect({ status: health.status, body: health.body }).toMatchObject({ status: 503, body: { status: 'degraded', db: 'unreachable' } });

    // Every route: 503 SERVICE_UNAVAILABLE, or an answer that needs no database. Never a 500.
    const outage: Record<string, number> = {};
    for (const r of httpRoutes(t.services).filter((x) => x.path !== '/api/v1/health')) {
      // health: checked above
      const res = await send(t.url, {
        method: r.method,
        path: r.path.replace(/:[A-Za-z0-9_]+/g, (m) => (m === ':building' ? 'metalMine' : m === ':research' ? 'energy' : '1')),
        headers: { Authorization: `Bearer ${players[0]!.token}`, 'Content-Type': 'application/json' },
        body: Buffer.from('{}'),
      });
      outage[res.status] = (outage[res.status] ?? 0) + 1;
      if (res.status >= 500) {
        expect({ route: routeKey(r), status: res.status, code: (res.json as { error?: { code?: string } })?.error?.code }).toEqual({
          route: routeKey(r),
          status: 503,
          code: ErrorCode.SERVICE_UNAVAILABLE,
        });
        expect(res.headers['retry-after']).toBe('5');
      }
    }
    // The clients keep sending: sockets get `error` acks, REST gets 503, all with SERVICE_UNAVAILABLE.
    await until(
      'every client to be told SERVICE_UNAVAILABLE',
      () => sockets.every((c) => (c.errors.get(ErrorCode.SERVICE_UNAVAILABLE) ?? 0) > 0) && rests.every((r) => (r.statuses.get(503) ?? 0) > 0),
    );
    expect((await refusal(t.url, { token: players[0]!.token, clientId: newClientId('outnew') })).message).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    expect(
      isTransientDbError(
        await runTick(t.services).then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    ).toBe(true);
    await Promise.all([...sockets, ...rests].map((c) => c.pause()));
    const known = [...sockets, ...rests].map((c) => ({ clientId: c.clientId, cursor: c.cursor }));
    for (const c of sockets) expect([...c.errors.keys()]).toEqual([ErrorCode.SERVICE_UNAVAILABLE]); // never INTERNAL
    expect((await t.api.get('/api/v1/health')).status).toBe(503); // still up, still degraded

    // --- PostgreSQL comes back on the same port; the pool reconnects by itself.
    pg = await pgStart(port);
    expect(pg.url).toBe(url);
    await until('health to be 200 again', async () => (await t.api.get('/api/v1/health')).status === 200);
    expect((await t.api.get('/api/v1/health')).body).toMatchObject({ status: 'ok', db: 'ok' });
    // Nothing answered "unavailable" was applied: every cursor is where the clients last saw it.
    for (const k of known) {
      const row = await sql<{ s: string }>(t, 'select last_seq as s from client_cursor where client_id = ?', [k.clientId]);
      expect({ ...k, cursor: Number(row[0]?.s ?? 0) }).toEqual(k);
    }

    for (const c of [...sockets, ...rests]) c.resume();
    await Promise.all([...sockets.map((c) => c.whenDone()), ...restRuns]);
    const tally = await verifyExactlyOnce(
      t,
      [
        ...sockets.map((c) => ({ clientId: c.clientId, total: SOCKET_COMMANDS, answers: c.answers })),
        ...rests.map((r) => ({ clientId: r.clientId, total: REST_COMMANDS, answers: r.answers })),
      ],
      players.map((p) => ({ playerId: p.playerId, planetId: p.planetId, start: START })),
    );
    expect({ lost: tally.lost, duplicated: tally.duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect(await invariantViolations(t.dbUrl)).toEqual([]);

    // The tick loop recovered too: a day later every building in the queues is done.
    t.clock.advance(30 * 86_400_000);
    await until(
      'the tick loop to empty every queue',
      async () => Number((await sql<{ n: string }>(t, 'select count(*) as n from queue_item'))[0]?.n) === 0,
    );
    expect(await invariantViolations(t.dbUrl)).toEqual([]);

    console.log(
      JSON.stringify({
        suite: 'db-outage',
        seed: SEED,
        clients: { socket: sockets.length, rest: rests.length },
        commands: sockets.length * SOCKET_COMMANDS + rests.length * REST_COMMANDS,
        commandsSent: sockets.reduce((n, c) => n + c.sent, 0) + rests.reduce((n, r) => n + r.sent, 0),
        ...tally,
        answeredBeforeOutage: known.reduce((n, k) => n + k.cursor, 0),
        duringOutage: {
          socketErrorAcks: sockets.reduce((n, c) => n + (c.errors.get(ErrorCode.SERVICE_UNAVAILABLE) ?? 0), 0),
          rest503: rests.reduce((n, r) => n + (r.statuses.get(503) ?? 0), 0),
          routesChecked: Object.values(outage).reduce((x, y) => x + y, 0),
          routeStatuses: outage,
        },
        reconnects: sockets.reduce((n, c) => n + c.connects - 1, 0),
      }),
    );
  }, 90_000);
});
