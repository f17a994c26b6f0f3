import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_EVENT_ATTEMPTS, runTick } from '../../src/game/tick.js';
import { scheduleEvent } from '../../src/game/schedule.js';
import { startTestServer, type TestServer } from '../harness.js';
import { adminCli, cliEnv, expectFailure, jsonOf, sql } from './support.js';

const FLAKY = 'test.flaky';

describe('admin events (parked scheduled events)', () => {
  let t: TestServer;
  let admin: ReturnType<typeof adminCli>;
  // A real handler on the server's real registry that fails while `broken`, like a bug fixed later.
  let broken = true;
  const handled: number[] = [];
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_ACCESS_TOKEN_TTL_S: '86400' } });
    admin = adminCli(cliEnv(t.dbUrl), t.clock);
    t.services.events.register(FLAKY, async ({ event }) => {
      if (broken) throw new Error('handler bug\nat the second line of the stack');
      handled.push(event.id);
    });
  });
  afterAll(async () => t?.stop());

  /** Schedules a flaky event due in 1 s and ticks until the tick parks it (handler still broken). */
  async function parkedFlaky(player: { playerId: number; planetId: number }, n: number): Promise<number> {
    const now = t.clock.now();
    const id = await scheduleEvent(
      t.services.orm.em.fork(),
      {
        kind: FLAKY,
        dueAt: new Date(now.getTime() + 1_000),
        playerId: player.playerId,
        planetId: player.planetId,
        payload: { n },
      },
      now,
    );
    t.clock.advance(2_000);
    for (let i = 0; i < MAX_EVENT_ATTEMPTS; i++) await runTick(t.services);
    return id;
  }
  const eventRow = async (id: number) =>
    (
      await sql<{ attempts: number; failed_at: Date | null; last_error: string | null }>(
        t.dbUrl,
        'select attempts, failed_at, last_error from scheduled_event where id = $1',
        [id],
      )
    )[0];

  it('lists parked events with player, planet, times and error; retry lets the tick apply them again', async () => {
    broken = true;
    expect(await admin('events')).toEqual({ code: 0, stdout: 'No parked events.\n', stderr: '' });
    expect(jsonOf(await admin('events', '--json'))).toEqual([]);

    const a = await t.api.register('parked_a');
    const dueAt = new Date(t.clock.now().getTime() + 1_000).toISOString();
    const id = await parkedFlaky(a, 1);
    const failedAt = t.clock.now().toISOString();
    const parked = {
      id,
      kind: FLAKY,
      playerId: a.playerId,
      username: 'parked_a',
      planetId: a.planetId,
      dueAt,
      attempts: MAX_EVENT_ATTEMPTS,
      failedAt,
      lastError: 'handler bug\nat the second line of the stack',
      payload: { n: 1 },
    };
    expect(jsonOf(await admin('events', '--json'))).toEqual([parked]);
    expect(jsonOf(await admin('events', 'list', '--json'))).toEqual([parked]);
    expect(jsonOf(await admin('stats', '--json')).events.failed).toBe(1);

    const table = await admin('events');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ *ID {2}KIND +PLAYER +PLANET {2}DUE +ATTEMPTS {2}FAILED +LAST ERROR$/);
    expect(lines[1]).toMatch(
      new RegExp(
        `^ *${id} {2}test\\.flaky {2}parked_a +${a.planetId} {2}${dueAt.replace(/\./g, '\\.')} +5 {2}${failedAt.replace(/\./g, '\\.')} {2}handler bug$`,
      ),
    );

    // The cause is fixed (here: the handler works again); the operator retries the event.
    broken = false;
    const retried = jsonOf(await admin('events', 'retry', String(id), '--json'));
    expect(retried).toEqual({ retried: [parked] });
    expect(await eventRow(id)).toEqual({ attempts: 0, failed_at: null, last_error: 'handler bug\nat the second line of the stack' });
    expect(await admin('events')).toEqual({ code: 0, stdout: 'No parked events.\n', stderr: '' });

    expect((await runTick(t.services)).eventsApplied).toBe(1);
    expect(handled).toEqual([id]);
    expect(await eventRow(id)).toBeUndefined();
    expect(await sql(t.dbUrl, 'select kind from applied_event where id = $1', [id])).toEqual([{ kind: FLAKY }]);
  });

  it('retry --all un-parks every parked event; ids that are not parked are refused', async () => {
    broken = true;
    const b = await t.api.register('parked_b');
    const first = await parkedFlaky(b, 2);
    const second = await parkedFlaky(b, 3);
    const now = t.clock.now();
    const waiting = await scheduleEvent(
      t.services.orm.em.fork(),
      { kind: FLAKY, dueAt: new Date(now.getTime() + 3_600_000), payload: { n: 4 } },
      now,
    );

    expectFailure(await admin('events', 'retry'), /^error: give either the id of a parked event or --all\n$/);
    expectFailure(await admin('events', 'retry', String(first), '--all'), /^error: give either the id of a parked event or --all\n$/);
    expectFailure(
      await admin('events', 'retry', String(waiting)),
      new RegExp(
        `^error: event ${waiting} \\(test\\.flaky\\) is not parked: it is due at \\S+ with 0 failed attempts and the tick still tries it; only parked events can be retried\\n$`,
      ),
    );
    expectFailure(await admin('events', 'retry', '999999999'), /^error: no scheduled event with id 999999999 \(applied or dropped already\?\)\n$/);
    expectFailure(await admin('events', 'retry', 'seven'), /argument 'id'.*must be a positive whole number/);
    expect(await eventRow(first)).toMatchObject({ attempts: MAX_EVENT_ATTEMPTS, failed_at: expect.any(Date) });

    const all = await admin('events', 'retry', '--all');
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^Retried 2 events: the tick applies them on its next beat\.\n *ID {2}KIND/);
    expect(await eventRow(first)).toMatchObject({ attempts: 0, failed_at: null });
    expect(await eventRow(second)).toMatchObject({ attempts: 0, failed_at: null });
    expect(await admin('events', 'retry', '--all')).toEqual({ code: 0, stdout: 'No parked events to retry.\n', stderr: '' });
    expect(jsonOf(await admin('events', 'retry', '--all', '--json'))).toEqual({ retried: [] });

    broken = false;
    expect((await runTick(t.services)).eventsApplied).toBe(2);
    expect(handled.slice(-2)).toEqual([first, second]);
    await sql(t.dbUrl, 'delete from scheduled_event where id = $1', [waiting]);
  });

  it('drop deletes only a parked event, only with --yes, and says what it means for the player', async () => {
    const c = await t.api.register('parked_c');
    const upgrade = (building: string) => t.api.post(`/api/v1/planets/${c.planetId}/buildings/${building}/upgrade`, undefined, c.token);
    const mine = await upgrade('metalMine');
    expect(mine.status).toBe(202);
    expect((await upgrade('crystalMine')).status).toBe(202); // waits behind the mine
    const [event] = await sql<{ id: string; payload: { queueItemId: number } }>(
      t.dbUrl,
      `select id, payload from scheduled_event where kind = 'building.complete' and planet_id = $1`,
      [c.planetId],
    );
    const id = Number(event!.id);
    expect(event!.payload).toEqual({ queueItemId: mine.body.queueItem.id });

    // Still due in the future: not parked, so not droppable.
    expectFailure(
      await admin('events', 'drop', String(id), '--yes'),
      new RegExp(`^error: event ${id} \\(building\\.complete\\) is not parked: .*only parked events can be dropped\\n$`),
    );
    // Parked as the tick would after the handler failed MAX_EVENT_ATTEMPTS times.
    await sql(t.dbUrl, 'update scheduled_event set attempts = $1, failed_at = $2, last_error = $3 where id = $4', [
      MAX_EVENT_ATTEMPTS,
      t.clock.now(),
      'boom',
      id,
    ]);

    const unconfirmed = await admin('events', 'drop', String(id));
    expectFailure(
      unconfirmed,
      /^error: dropping event \d+ \(building\.complete\) deletes it for good; for the player this means: the building level is never reached: its queue item stays "running"/,
    );
    expect(unconfirmed.stderr).toMatch(/Nothing was changed: run again with --yes to drop it/);
    expect(await eventRow(id)).toMatchObject({ attempts: MAX_EVENT_ATTEMPTS });

    const dropped = jsonOf(await admin('events', 'drop', String(id), '--yes', '--json'));
    expect(dropped).toEqual({
      dropped: {
        id,
        kind: 'building.complete',
        playerId: c.playerId,
        username: 'parked_c',
        planetId: c.planetId,
        dueAt: mine.body.queueItem.endsAt,
        attempts: MAX_EVENT_ATTEMPTS,
        failedAt: t.clock.now().toISOString(),
        lastError: 'boom',
        payload: { queueItemId: mine.body.queueItem.id },
      },
      consequence: expect.stringMatching(/^the building level is never reached: .* The player can cancel that item/),
    });
    expect(await eventRow(id)).toBeUndefined();
    expectFailure(await admin('events', 'drop', String(id), '--yes'), new RegExp(`^error: no scheduled event with id ${id} `));
    expectFailure(await admin('events', 'drop'), /missing required argument 'id'/);

    // What the player is left with: the mine never completes and the crystal mine never starts…
    t.clock.advance(3_600_000);
    expect(jsonOf(await admin('tick', '--json')).eventsApplied).toBe(0);
    const stuck = await t.api.get(`/api/v1/planets/${c.planetId}`, c.token);
    expect(stuck.body.buildings.metalMine).toBe(0);
    expect(stuck.body.queues.building.map((q: { target: string; startsAt: string | null }) => [q.target, q.startsAt !== null])).toEqual([
      ['metalMine', true],
      ['crystalMine', false],
    ]);
    // …until they cancel the stuck item: a full refund, and the next item starts.
    const cancel = await t.api.delete(`/api/v1/planets/${c.planetId}/queue/${mine.body.queueItem.id}`, c.token);
    expect(cancel.status).toBe(200);
    expect(cancel.body.cancelled).toEqual([mine.body.queueItem.id]);
    const { cost } = mine.body.queueItem;
    const held = stuck.body.resources; // same instant: the difference is the refund
    expect(cancel.body.resources).toEqual({
      metal: held.metal + cost.metal,
      crystal: held.crystal + cost.crystal,
      deuterium: held.deuterium + cost.deuterium,
    });
    t.clock.advance(3_600_000);
    expect(jsonOf(await admin('tick', '--json')).eventsApplied).toBe(1);
    expect((await t.api.get(`/api/v1/planets/${c.planetId}`, c.token)).body.buildings).toMatchObject({ metalMine: 0, crystalMine: 1 });
  });

  it('drop prints what it deleted and the consequence as text', async () => {
    broken = true;
    const d = await t.api.register('parked_d');
    const id = await parkedFlaky(d, 5);
    const r = await admin('events', 'drop', String(id), '--yes');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(/ {2,}/)),
    ).toEqual([
      ['dropped', `event ${id} (test.flaky)`],
      ['player', 'parked_d'],
      ['planet', String(d.planetId)],
      ['due at', expect.any(String)],
      ['payload', '{"n":5}'],
      ['last error', 'handler bug'],
      ['for the player', '"test.flaky" is not an event kind this version knows: nothing in the game waits for it'],
    ]);
    expect(await eventRow(id)).toBeUndefined();
  });
});
