// The tick applies due events in batches: one transaction per batch, one savepoint per event.
// These tests pin what batching must not change: a failing event loses only itself (nothing of it
// is written, kept in memory or published) and (due, id) order holds inside and across batches,
// also for events a handler schedules that are already due. Locks: tick-batch-locks.test.ts;
// a connection dying mid-batch: tick-batch-crash.test.ts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BATCH_MAX_EVENTS } from '../../src/game/tick-batch.js';
import { MAX_EVENT_ATTEMPTS, runTick } from '../../src/game/tick.js';
import { scheduleEvent } from '../../src/game/schedule.js';
import { PlanetSchema } from '../../src/modules/planets/planet.entity.js';
import { startTestServer, type TestServer } from '../harness.js';
import { sql, uniqueName } from '../support/game-sql.js';
import { appliedIn, eventRow, loggedIn, published } from '../support/tick.js';

const S = 1000;

/**
 * Inserts `n` due events of `kind`, due within 97 s after `from` (ties are common, and the due
 * order is unrelated to the id order), and returns them in (due, id) order.
 */
async function insertDue(t: TestServer, kind: string, n: number, from: Date, payloadSql = `'{}'::jsonb`): Promise<{ id: number; due: number }[]> {
  const rows = await sql<{ id: string; due_at: Date }>(
    t,
    `
    insert into scheduled_event (due_at, kind, payload, created_at)
    select ?::timestamptz + ((g * 7919) % 97) * interval '1 second', ?, ${payloadSql}, ? from generate_series(1, ?::int) g
    returning id, due_at`,
    [from, kind, t.clock.now(), n],
  );
  return rows.map((r) => ({ id: Number(r.id), due: new Date(r.due_at).getTime() })).sort((a, b) => a.due - b.due || a.id - b.id);
}

describe('the tick in batches', () => {
  let t: TestServer;
  const seenNames: string[] = [];
  const order: { id: number; due: number }[] = [];
  beforeAll(async () => {
    t = await startTestServer();
    const ev = t.services.events;
    // Real handlers on the real registry, written like the game's: entities through the event's
    // EntityManager, stream events through the batch.
    ev.register('test.touch', async ({ em, event, stream }) => {
      const planet = await em.findOneOrFail(PlanetSchema, { id: Number(event.planetId) });
      seenNames.push(planet.name);
      planet.metal += 1;
      await em.flush();
      await stream.append(em, planet.playerId, 'test.touched', { eventId: event.id }, event.dueAt);
    });
    ev.register('test.mutateThenThrow', async ({ em, event, stream }) => {
      const planet = await em.findOneOrFail(PlanetSchema, { id: Number(event.planetId) });
      planet.name = 'Flushed, then rolled back';
      await em.flush();
      await stream.append(em, planet.playerId, 'test.touched', { eventId: event.id }, event.dueAt);
      planet.name = 'Never flushed'; // left modified in the handler's EntityManager
      planet.metal = 0;
      throw new Error('handler bug mid-batch');
    });
    ev.register('test.order', async ({ em, event }) => {
      order.push({ id: event.id, due: event.dueAt.getTime() });
      const after = event.payload.spawnAfterMs;
      if (typeof after === 'number') {
        await scheduleEvent(em, { kind: 'test.order', dueAt: new Date(event.dueAt.getTime() + after), payload: {} }, event.dueAt);
      }
    });
  });
  afterAll(async () => t?.stop());

  it('rolls back only a failing event in the middle of a batch, with nothing of it left in memory', async () => {
    const a = await t.api.register(uniqueName('midfail'));
    const em = t.services.orm.em.fork();
    const now = t.clock.now();
    const at = (s: number) => new Date(now.getTime() + s * S);
    const [before] = await sql<{ name: string; metal: string }>(t, 'select name, metal from planet where id = ?', [a.planetId]);
    const e1 = await scheduleEvent(em, { kind: 'test.touch', dueAt: at(1), planetId: a.planetId, payload: {} }, now);
    const e2 = await scheduleEvent(em, { kind: 'test.mutateThenThrow', dueAt: at(2), planetId: a.planetId, payload: {} }, now);
    const e3 = await scheduleEvent(em, { kind: 'test.touch', dueAt: at(3), planetId: a.planetId, payload: {} }, now);
    t.clock.set(at(10));
    seenNames.length = 0;

    const { result: tick, events } = await published(t, () => runTick(t.services));
    expect(tick.eventsApplied).toBe(2);
    // The later event read the planet from the database, not the failed event's modified entity.
    expect(seenNames).toEqual([before?.name, before?.name]);
    const [after] = await sql<{ name: string; metal: string }>(t, 'select name, metal from planet where id = ?', [a.planetId]);
    expect(after).toEqual({ name: before?.name, metal: String(Number(before?.metal) + 2) });
    // Only the committed events' stream events were published, and only they are stored.
    expect(events.map((e) => (e.data as { eventId: number }).eventId)).toEqual([e1, e3]);
    const stored = await sql<{ seq: string; data: { eventId: number } }>(
      t,
      `select seq, data from player_event where player_id = ? and type = 'test.touched' order by seq`,
      [a.playerId],
    );
    expect(stored.map((r) => r.data.eventId)).toEqual([e1, e3]);
    expect(stored.map((r) => Number(r.seq))).toEqual(events.map((e) => e.seq));
    const applied = await sql<{ id: string }>(t, 'select id from applied_event where tick = ? order by id', [tick.tick]);
    expect(applied.map((r) => Number(r.id))).toEqual([e1, e3]);
    expect(await loggedIn(t, tick.tick)).toBe(2);
    expect(await eventRow(t, e2)).toEqual({ attempts: 1, last_error: 'handler bug mid-batch', failed_at: null });

    // Retried by each later tick, with the events behind it still applied in that same tick.
    const e4 = await scheduleEvent(em, { kind: 'test.touch', dueAt: at(11), planetId: a.planetId, payload: {} }, at(10));
    t.clock.set(at(20));
    const second = await runTick(t.services);
    expect(second.eventsApplied).toBe(1);
    expect(await sql(t, 'select id from applied_event where id = ?', [e4])).toHaveLength(1);
    for (let i = 2; i < MAX_EVENT_ATTEMPTS; i++) await runTick(t.services);
    const parked = await eventRow(t, e2);
    expect(parked).toMatchObject({ attempts: MAX_EVENT_ATTEMPTS, last_error: 'handler bug mid-batch' });
    expect(new Date(parked?.failed_at ?? 0)).toEqual(at(20));
    await runTick(t.services); // parked: left alone
    expect((await eventRow(t, e2))?.attempts).toBe(MAX_EVENT_ATTEMPTS);
  });

  it('keeps (due, id) order across batch boundaries, with already-due events scheduled by handlers in their place', async () => {
    const n = Math.round(2.5 * BATCH_MAX_EVENTS);
    // Every 25th event schedules another one half a second later: already due, and due before
    // the events of the next second, which the batch must not apply first.
    const seeded = await insertDue(
      t,
      'test.order',
      n,
      new Date(t.clock.now().getTime() - 200 * S),
      `case when g % 25 = 0 then '{"spawnAfterMs": 500}'::jsonb else '{}'::jsonb end`,
    );
    order.length = 0;
    const tick = await runTick(t.services);
    const spawned = n / 25;
    expect(tick.eventsApplied).toBe(n + spawned);
    expect(order).toHaveLength(n + spawned);
    for (let i = 1; i < order.length; i++) {
      const [p, q] = [order[i - 1]!, order[i]!];
      expect(p.due < q.due || (p.due === q.due && p.id < q.id)).toBe(true);
    }
    const seededIds = new Set(seeded.map((e) => e.id));
    expect(order.filter((e) => seededIds.has(e.id))).toEqual(seeded);
    expect(await appliedIn(t, tick.tick)).toBe(n + spawned);
    expect(await loggedIn(t, tick.tick)).toBe(n + spawned);
    expect(await sql(t, `select id from scheduled_event where kind = 'test.order'`)).toHaveLength(0);
  });

  it('stops at maxEvents across batches, taking the earliest events', async () => {
    const n = Math.round(2.5 * BATCH_MAX_EVENTS);
    const limit = Math.round(1.5 * BATCH_MAX_EVENTS);
    const seeded = await insertDue(t, 'test.order', n, new Date(t.clock.now().getTime() - 3_600 * S));
    order.length = 0;
    const tick = await runTick(t.services, { maxEvents: limit });
    expect(tick.eventsApplied).toBe(limit);
    expect(order).toEqual(seeded.slice(0, limit));
    expect(await loggedIn(t, tick.tick)).toBe(limit);
    const left = await sql<{ id: string }>(t, `select id from scheduled_event where kind = 'test.order' order by due_at, id`);
    expect(left.map((r) => Number(r.id))).toEqual(seeded.slice(limit).map((e) => e.id));
    await runTick(t.services);
    expect(order).toEqual(seeded);
  });
});
