import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TickLeader, TICK_LOCK_KEY, runTick } from '../../src/game/tick.js';
import type { StreamEvent } from '../../src/modules/stream/stream.js';
import { startTestServer, type TestServer } from '../harness.js';
import { patchPlanet, planetRow, sql, uniqueName } from '../support/game-sql.js';
import { waitFor } from '../support/wait-for.js';

type Session = Awaited<ReturnType<TestServer['api']['register']>>;
const S = 1000;

describe('the tick', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_ACCESS_TOKEN_TTL_S: '86400000' } });
  });
  afterAll(async () => t?.stop());

  const upgrade = async (s: Session, building: string) => {
    const r = await t.api.post(`/api/v1/planets/${s.planetId}/buildings/${building}/upgrade`, undefined, s.token);
    if (r.status !== 202) throw new Error(`upgrade ${building}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.queueItem as { id: number; endsAt: string };
  };
  const eventIdOf = async (queueItemId: number) =>
    Number((await sql<{ id: string }>(t, `select id from scheduled_event where payload @> ?::jsonb`, [JSON.stringify({ queueItemId })]))[0]?.id);
  /** Completions in the order the tick published them (it publishes after each event's commit). */
  const recordCompletions = () => {
    const seen: { playerId: number; at: string }[] = [];
    const off = t.services.stream.subscribe((events: readonly StreamEvent[]) => {
      for (const e of events) if (e.type === 'building.completed') seen.push({ playerId: e.playerId, at: (e.data as { at: string }).at });
    });
    return { seen, off };
  };
  const drain = async () => {
    while ((await runTick(t.services)).eventsApplied > 0) {
      /* apply everything already due */
    }
  };

  it("applies an offline player's earlier event before another player's later one, whatever the creation order", async () => {
    await drain();
    const b = await t.api.register(uniqueName('onlineB'));
    const a = await t.api.register(uniqueName('offlineA'));
    const t0 = t.clock.now().getTime();
    const bItem = await upgrade(b, 'solarPlant'); // 43 s: due at t0 + 43 s, created first
    t.clock.advance(5 * S);
    const aItem = await upgrade(a, 'metalMine'); // 30 s: due at t0 + 35 s, created second
    const t1 = new Date(aItem.endsAt).getTime();
    const t2 = new Date(bItem.endsAt).getTime();
    expect([t1 - t0, t2 - t0]).toEqual([35 * S, 43 * S]);
    const [aEvent, bEvent] = [await eventIdOf(aItem.id), await eventIdOf(bItem.id)];
    expect(aEvent).toBeGreaterThan(bEvent);

    t.clock.set(t0 + 60 * S); // A has made no request since; both events are due
    const first = await runTick(t.services, { maxEvents: 1 });
    expect(first.eventsApplied).toBe(1);
    const applied = await sql<{ id: string }>(t, 'select id from applied_event where tick = ?', [first.tick]);
    expect(applied.map((r) => Number(r.id))).toEqual([aEvent]);
    expect((await planetRow(t, a.planetId)).buildings.metalMine).toBe(1);
    expect((await planetRow(t, a.planetId)).settledAt).toEqual(new Date(t1));
    expect((await planetRow(t, b.planetId)).buildings.solarPlant).toBe(0);

    const second = await runTick(t.services);
    expect(second.eventsApplied).toBe(1);
    expect((await planetRow(t, b.planetId)).buildings.solarPlant).toBe(1);
    expect((await planetRow(t, b.planetId)).settledAt).toEqual(new Date(t2));
  });

  it('applies everything due in one tick in (due, id) order and logs the tick', async () => {
    await drain();
    const players = [];
    for (let i = 0; i < 4; i++) players.push(await t.api.register(uniqueName(`order${i}`)));
    const [p0, p1, p2, p3] = players as [Session, Session, Session, Session];
    const t0 = t.clock.now().getTime();
    await upgrade(p0, 'solarPlant'); // due t0 + 43 s
    await upgrade(p1, 'metalMine'); // due t0 + 30 s
    await upgrade(p2, 'metalMine'); // due t0 + 30 s, created after p1: same instant, higher id
    await patchPlanet(t, p3.planetId, { deuterium: 200 });
    await upgrade(p3, 'roboticsFactory'); // 400 + 120 → 3600 · 520 / 8750 = 213.9: due t0 + 213 s

    const { seen, off } = recordCompletions();
    t.clock.set(t0 + 300 * S);
    const tickStart = t.clock.now();
    const row = await runTick(t.services).finally(off);
    expect(seen).toEqual([
      { playerId: p1.playerId, at: new Date(t0 + 30 * S).toISOString() },
      { playerId: p2.playerId, at: new Date(t0 + 30 * S).toISOString() },
      { playerId: p0.playerId, at: new Date(t0 + 43 * S).toISOString() },
      { playerId: p3.playerId, at: new Date(t0 + 213 * S).toISOString() },
    ]);
    expect(row).toMatchObject({ node: t.services.nodeId, startedAt: tickStart.toISOString(), eventsApplied: 4, maxLagMs: (300 - 30) * S });

    const logged = await sql<{ tick: string; node: string; started_at: string; duration_ms: number; events_applied: number; max_lag_ms: number }>(
      t,
      'select * from tick_log where tick = ?',
      [row.tick],
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ node: t.services.nodeId, events_applied: 4, max_lag_ms: 270_000 });
    expect(new Date(logged[0]?.started_at ?? 0)).toEqual(tickStart);
    expect(logged[0]?.duration_ms).toBeCloseTo(row.durationMs, 6);
    expect(logged[0]?.duration_ms).toBeGreaterThan(0);
    const applied = await sql<{ n: string }>(t, 'select count(*) as n from applied_event where tick = ?', [row.tick]);
    expect(Number(applied[0]?.n)).toBe(4);

    const empty = await runTick(t.services);
    expect(empty.tick).toBeGreaterThan(row.tick);
    expect(empty.eventsApplied).toBe(0);
    const emptyRow = await sql<{ events_applied: number; max_lag_ms: number }>(t, 'select * from tick_log where tick = ?', [empty.tick]);
    expect(emptyRow).toEqual([expect.objectContaining({ events_applied: 0, max_lag_ms: 0 })]);
  });

  it('leaves events that are not yet due', async () => {
    await drain();
    const a = await t.api.register(uniqueName('notdue'));
    const item = await upgrade(a, 'metalMine');
    t.clock.set(new Date(item.endsAt).getTime() - 1);
    expect((await runTick(t.services)).eventsApplied).toBe(0);
    t.clock.advance(1);
    expect((await runTick(t.services)).eventsApplied).toBe(1);
  });
});

describe('tick leadership (advisory lock)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => t?.stop());

  it('lets exactly one node lead; another takes over after a release', async () => {
    const first = new TickLeader(t.dbUrl);
    const second = new TickLeader(t.dbUrl);
    try {
      expect(await first.tryAcquire()).toBe(true);
      expect(await second.tryAcquire()).toBe(false);
      expect(await first.tryAcquire()).toBe(true);
      expect(await second.tryAcquire()).toBe(false);
      expect([first.isLeader, second.isLeader]).toEqual([true, false]);
      await first.release();
      expect(await second.tryAcquire()).toBe(true);
      expect(await first.tryAcquire()).toBe(false);
    } finally {
      await first.release();
      await second.release();
    }
  });

  it('hands leadership over when the leader dies (its connection ends)', async () => {
    const first = new TickLeader(t.dbUrl);
    const second = new TickLeader(t.dbUrl);
    try {
      expect(await first.tryAcquire()).toBe(true);
      const holders = await sql<{ pid: number }>(
        t,
        `select pid from pg_locks where locktype = 'advisory' and objid = ? and granted
         and database = (select oid from pg_database where datname = current_database())`,
        [TICK_LOCK_KEY],
      );
      expect(holders).toHaveLength(1);
      await sql(t, 'select pg_terminate_backend(?)', [holders[0]?.pid]);
      await waitFor(() => second.tryAcquire(), { what: 'the second node to take the tick lock', intervalMs: 20 });
      expect(second.isLeader).toBe(true);
      expect(await first.tryAcquire()).toBe(false);
    } finally {
      await first.release();
      await second.release();
    }
  });
});
