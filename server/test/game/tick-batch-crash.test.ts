// A batch is one transaction: when the database connection dies in the middle of one, nothing of
// that batch is committed, counted in tick_log or published, and the next tick applies it once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BATCH_MAX_EVENTS } from '../../src/game/tick-batch.js';
import { runTick } from '../../src/game/tick.js';
import { startTestServer, type TestServer } from '../harness.js';
import { sql, uniqueName } from '../support/game-sql.js';
import { appliedIn, published } from '../support/tick.js';

const S = 1000;

describe('the tick when the database connection dies mid-batch', () => {
  let t: TestServer;
  let crashes = 0;
  beforeAll(async () => {
    t = await startTestServer();
    t.services.events.register('test.counted', async ({ em, event, stream }) => {
      if (event.payload.crash === true && crashes === 0) {
        crashes++;
        await em.execute('select pg_terminate_backend(pg_backend_pid())'); // the session dies under the batch
      }
      await stream.append(em, Number(event.playerId), 'test.counted', { eventId: event.id }, event.dueAt);
    });
  });
  afterAll(async () => t?.stop());

  it('counts, keeps and publishes only the batches that committed; the next tick applies the rest once', async () => {
    const a = await t.api.register(uniqueName('crashmid'));
    const n = Math.round(2.5 * BATCH_MAX_EVENTS);
    const crashAt = Math.round(1.5 * BATCH_MAX_EVENTS); // after at least one committed batch
    const rows = await sql<{ id: string }>(
      t,
      `
      insert into scheduled_event (due_at, kind, player_id, payload, created_at)
      select ?::timestamptz + g * interval '1 millisecond', 'test.counted', ?, jsonb_build_object('crash', g = ?), ? from generate_series(1, ?::int) g
      returning id`,
      [new Date(t.clock.now().getTime() - 60 * S), a.playerId, crashAt, t.clock.now(), n],
    );
    expect(rows).toHaveLength(n);

    const crashed = await published(t, () =>
      runTick(t.services).then(
        () => null,
        (e: unknown) => e,
      ),
    );
    expect(crashed.result).toBeInstanceOf(Error);
    const [last] = await sql<{ tick: string; events_applied: number }>(t, 'select tick, events_applied from tick_log order by tick desc limit 1');
    const committed = Number(last?.events_applied);
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(crashAt);
    expect(await appliedIn(t, Number(last?.tick))).toBe(committed);
    expect(crashed.events).toHaveLength(committed);
    const storedEvents = async () =>
      Number((await sql<{ n: string }>(t, `select count(*) as n from player_event where type = 'test.counted'`))[0]?.n);
    expect(await storedEvents()).toBe(committed);

    const rest = await published(t, () => runTick(t.services));
    expect(rest.result.eventsApplied).toBe(n - committed);
    expect(rest.events).toHaveLength(n - committed);
    const all = await sql<{ n: string; distinct_ids: string }>(t, 'select count(*) as n, count(distinct id) as distinct_ids from applied_event');
    expect(all[0]).toEqual({ n: String(n), distinct_ids: String(n) });
    const logged = await sql<{ total: string }>(t, 'select sum(events_applied) as total from tick_log');
    expect(Number(logged[0]?.total)).toBe(n);
    expect(await storedEvents()).toBe(n);
  });
});
