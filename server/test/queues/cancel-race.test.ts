import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { runTick } from '../../src/game/tick.js';
import { startTestServer, type TestServer } from '../harness.js';
import { planetRow, queueRows, scheduledFor, sql, uniqueName } from '../support/game-sql.js';
import { untilWaiting } from '../support/tick.js';

describe('a cancel racing the tick for the same queue item', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => t?.stop());

  it('cancels (full refund, no level) without a deadlock when the cancel takes the planet first', async () => {
    const a = await t.api.register(uniqueName('race'));
    const item = (await t.api.post(`/api/v1/planets/${a.planetId}/buildings/metalMine/upgrade`, undefined, a.token)).body.queueItem;
    const [event] = await sql<{ id: string }>(t, 'select id from scheduled_event where planet_id = ?', [a.planetId]);
    t.clock.set(new Date(item.endsAt).getTime()); // the completion is due

    // Another session holds the planet so that the cancel queues for it first and the tick second.
    const holder = new pg.Client({ connectionString: t.dbUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select id from planet where id = $1 for update', [a.planetId]);
      const cancel = t.api.delete(`/api/v1/planets/${a.planetId}/queue/${item.id}`, a.token);
      await untilWaiting(t, 1);
      const tick = runTick(t.services); // claims the event row, then waits for the planet
      await untilWaiting(t, 2);
      await holder.query('commit');

      const [cancelled, ticked] = await Promise.all([cancel, tick]);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toEqual({ cancelled: [item.id], resources: { metal: 500, crystal: 500, deuterium: 0 } });
      expect(ticked.eventsApplied).toBe(1); // applied as a no-op: the item was gone under the lock
    } finally {
      await holder.end();
    }
    const p = await planetRow(t, a.planetId);
    expect(p.buildings.metalMine).toBe(0);
    expect([p.metal, p.crystal]).toEqual([500, 500]);
    expect(await queueRows(t, { planetId: a.planetId }, 'building')).toHaveLength(0);
    expect(await scheduledFor(t, a.planetId)).toHaveLength(0);
    expect(await sql(t, 'select id from applied_event where id = ?', [event?.id])).toHaveLength(1);
  });
});
