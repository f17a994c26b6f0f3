import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../harness.js';
import { runCli } from '../../src/cli/run.js';
import { adminCli, cliEnv, expectFailure, jsonOf, sql } from './support.js';

describe('admin stats', () => {
  let t: TestServer;
  let admin: ReturnType<typeof adminCli>;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_ACCESS_TOKEN_TTL_S: '86400' } });
    admin = adminCli(cliEnv(t.dbUrl), t.clock);
  });
  afterAll(async () => t?.stop());

  it('counts players, planets, the event queue and recent ticks', async () => {
    const empty = jsonOf(await admin('stats', '--json'));
    expect(empty).toEqual({
      now: t.clock.now().toISOString(),
      players: { total: 0, banned: 0, seenLast24h: 0 },
      planets: 0,
      events: { scheduled: 0, due: 0, failed: 0, next: null },
      ticks: { last: null, lastHour: { count: 0, eventsApplied: 0, maxLagMs: null } },
    });

    const a = await t.api.register('stat_a');
    await t.api.register('stat_b');
    await t.api.register('stat_c');
    expect((await admin('ban', 'stat_c')).code).toBe(0);
    await sql(t.dbUrl, 'update player set last_seen_at = $1 where id = $2', [t.clock.now(), a.playerId]);
    expect((await t.api.post(`/api/v1/planets/${a.planetId}/buildings/metalMine/upgrade`, undefined, a.token)).status).toBe(202);
    expect((await t.api.post(`/api/v1/planets/${a.planetId}/buildings/crystalMine/upgrade`, undefined, a.token)).status).toBe(202);
    const queued = await sql<{ due_at: Date; kind: string }>(t.dbUrl, 'select due_at, kind from scheduled_event order by due_at, id');
    expect(queued).toHaveLength(1); // one running item per planet queue; the second waits
    const dueAt = queued[0]!.due_at;

    const before = jsonOf(await admin('stats', '--json'));
    expect(before.players).toEqual({ total: 3, banned: 1, seenLast24h: 1 });
    expect(before.planets).toBe(3);
    expect(before.events).toEqual({ scheduled: 1, due: 0, failed: 0, next: { dueAt: dueAt.toISOString(), kind: 'building.complete' } });

    t.clock.set(dueAt.getTime() + 2_000);
    expect(jsonOf(await admin('stats', '--json')).events).toMatchObject({ scheduled: 1, due: 1 });
    const tick = jsonOf(await admin('tick', '--json'));
    expect(tick.eventsApplied).toBe(1);

    const after = jsonOf(await admin('stats', '--json'));
    expect(after.ticks).toEqual({
      last: { tick: tick.tick, node: tick.node, startedAt: tick.startedAt, durationMs: tick.durationMs, eventsApplied: 1, maxLagMs: 2_000 },
      lastHour: { count: 1, eventsApplied: 1, maxLagMs: 2_000 },
    });
    // The completed mine started the waiting one: the queue holds one new event.
    expect(after.events).toEqual({ scheduled: 1, due: 0, failed: 0, next: { dueAt: expect.any(String), kind: 'building.complete' } });

    t.clock.advance(3_600_000);
    const later = jsonOf(await admin('stats', '--json'));
    expect(later.ticks.lastHour).toEqual({ count: 0, eventsApplied: 0, maxLagMs: null });
    expect(later.ticks.last.tick).toBe(tick.tick);
    expect(later.players.seenLast24h).toBe(1);

    // A parked (repeatedly failing) event is counted apart and is neither due nor next.
    await t.services.orm.em.fork().execute('update scheduled_event set failed_at = ?', [t.clock.now()]);
    const parked = jsonOf(await admin('stats', '--json'));
    expect(parked.events).toEqual({ scheduled: 1, due: 0, failed: 1, next: null });
    await t.services.orm.em.fork().execute('update scheduled_event set failed_at = null');
  });

  it('prints a readable summary without --json', async () => {
    const r = await admin('stats');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/ {2,}/)[0])).toEqual([
      'time',
      'players',
      'banned players',
      'players seen in 24 h',
      'planets',
      'scheduled events',
      'due events',
      'failed (parked) events',
      'next event',
      'last tick',
      'ticks in the last hour',
      'events applied in the last hour',
      'max lag in the last hour (ms)',
    ]);
    expect(r.stdout).toMatch(/^players\s+3$/m);
    expect(r.stdout).toMatch(/^banned players\s+1$/m);
    expect(r.stdout).toMatch(/^next event\s+building\.complete at \d{4}-/m);
    expect(r.stdout).toMatch(/^last tick\s+#\d+ at \S+ by admin-\S+ \(1 event, \d+\.\d ms\)$/m);
    expect(r.stdout).toMatch(/^max lag in the last hour \(ms\)\s+-$/m);
  });

  it('reports bad configuration like the server does, before touching the database', async () => {
    const r = await runCli(['admin', 'stats'], cliEnv(t.dbUrl, { STARHOLD_BCRYPT_COST: '99' }));
    expectFailure(r, /^Invalid configuration:\n {2}STARHOLD_BCRYPT_COST: /);
  });
});
