// A batch holds the locks of the events it applied until it commits, and takes them in event
// order, not in the documented lock order. It must back off (commit what it has) rather than
// deadlock with a command, and then go on with the very event that waited.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { runTick } from '../../src/game/tick.js';
import { scheduleEvent } from '../../src/game/schedule.js';
import { lockPlanetAt } from '../../src/modules/planets/locking.js';
import { startTestServer, type TestServer } from '../harness.js';
import { addPlanet, sql, uniqueName } from '../support/game-sql.js';
import { eventRow, loggedIn, published, untilWaiting } from '../support/tick.js';
import { waitFor } from '../support/wait-for.js';

const S = 1000;

describe('the locks of a tick batch', () => {
  let t: TestServer;
  /** `test.lockPlanet` handlers wait at a gate (payload `gate`: before or after taking their locks) until the test opens it. */
  let gate: Gate = openGate();
  beforeAll(async () => {
    t = await startTestServer();
    t.services.events.register('test.lockPlanet', async ({ em, event, settings, stream }) => {
      if (event.payload.gate === 'before') await gate.pass();
      const planet = await lockPlanetAt(em, settings, Number(event.planetId), event.dueAt);
      if (planet) await stream.append(em, planet.playerId, 'test.locked', { planetId: planet.id }, event.dueAt);
      if (event.payload.gate === 'after') await gate.pass();
    });
  });
  afterAll(async () => t?.stop());

  /** A new player with a second planet (the colony) in the home system. */
  const playerWithColony = async (name: string) => {
    const a = await t.api.register(uniqueName(name));
    const [home] = await sql<{ galaxy: number; system: number }>(t, 'select galaxy, system from planet where id = ?', [a.planetId]);
    const colony = await addPlanet(t, a.playerId, {
      galaxy: Number(home?.galaxy),
      system: Number(home?.system),
      position: 15,
      metal: 0,
      crystal: 0,
      deuterium: 0,
      buildings: {},
      at: t.clock.now(),
    });
    return { ...a, colony };
  };

  it('commits what it has instead of deadlocking with a session that holds a planet and wants the player', async () => {
    const a = await playerWithColony('lockwait');
    const { colony } = a;
    const now = t.clock.now();
    const em = t.services.orm.em.fork();
    // The first event locks the home planet and the player row (its stream append); the second
    // needs the colony.
    const first = await scheduleEvent(
      em,
      { kind: 'test.lockPlanet', dueAt: new Date(now.getTime() + 1 * S), planetId: a.planetId, payload: { gate: 'after' } },
      now,
    );
    const second = await scheduleEvent(em, { kind: 'test.lockPlanet', dueAt: new Date(now.getTime() + 2 * S), planetId: colony, payload: {} }, now);
    t.clock.set(now.getTime() + 10 * S);

    // A command-like session takes the colony, then (once the tick holds the player row) asks for
    // the player row: the documented lock order, planet then player. Only then does the tick go on
    // and ask for the colony. Waiting for it would close a cycle that PostgreSQL breaks by failing
    // the session (it has waited longest).
    const session = new pg.Client({ connectionString: t.dbUrl });
    await session.connect();
    gate = closedGate();
    try {
      await session.query('begin');
      await session.query('select id from planet where id = $1 for update', [colony]);
      const ticking = published(t, () => runTick(t.services));
      await gate.reached; // the first event holds the home planet and the player row
      const update = session.query('update player set event_seq = event_seq where id = $1', [a.playerId]).then(
        () => 'done',
        (e: unknown) => e,
      );
      await untilWaiting(t, 1); // the session waits for the player row
      gate.open();
      expect(await update).toBe('done');
      await session.query('commit');
      const { result: tick, events } = await ticking;
      expect(tick.eventsApplied).toBe(2);
      expect(events.map((e) => (e.data as { planetId: number }).planetId)).toEqual([a.planetId, colony]);
      expect(await eventRow(t, second)).toBeUndefined(); // applied, never counted as a failure
      const applied = await sql<{ id: string }>(t, 'select id from applied_event where id in (?, ?) order by xmin::text::bigint', [first, second]);
      expect(applied.map((r) => Number(r.id))).toEqual([first, second]);
    } finally {
      gate.open();
      await session.end();
    }
  });

  it('starts the next batch with the event it backed off from, even if a fresh claim would not find it due', async () => {
    const a = await playerWithColony('resume');
    const { colony } = a;
    const now = t.clock.now();
    const em = t.services.orm.em.fork();
    const due = new Date(now.getTime() + 2 * S);
    await scheduleEvent(em, { kind: 'test.lockPlanet', dueAt: new Date(now.getTime() + 1 * S), planetId: a.planetId, payload: {} }, now);
    const second = await scheduleEvent(em, { kind: 'test.lockPlanet', dueAt: due, planetId: colony, payload: { gate: 'before' } }, now);
    t.clock.set(now.getTime() + 10 * S);
    const [prev] = await sql<{ tick: string | null }>(t, 'select max(tick) as tick from tick_log');

    const holder = new pg.Client({ connectionString: t.dbUrl });
    await holder.connect();
    gate = closedGate();
    try {
      await holder.query('begin');
      await holder.query('select id from planet where id = $1 for update', [colony]);
      const ticking = runTick(t.services);
      await gate.reached; // the second event is claimed, in the batch after the first
      t.clock.set(due.getTime() - 1); // from now on a fresh claim would not find it due (like a recall that races it)
      gate.open();
      // The batch waits for the colony, gives up after the bound and commits the first event alone.
      await waitFor(async () => (await sql(t, 'select events_applied from tick_log where tick > ?', [Number(prev?.tick ?? 0)]))[0], {
        what: 'the tick to log its first batch',
      });
      await holder.query('commit');
      const tick = await ticking;
      expect(tick.eventsApplied).toBe(2);
      expect(await sql(t, 'select id from applied_event where id = ?', [second])).toHaveLength(1);
      expect(await loggedIn(t, tick.tick)).toBe(2);
    } finally {
      gate.open();
      await holder.end();
    }
  });
});

interface Gate {
  reached: Promise<void>;
  pass: () => Promise<void>;
  open: () => void;
}

function openGate(): Gate {
  return { reached: Promise.resolve(), pass: () => Promise.resolve(), open: () => undefined };
}

/** A gate the first handler to pass reports reaching, and that holds it (and any later one) until opened. */
function closedGate(): Gate {
  let reached = (): void => undefined;
  let open = (): void => undefined;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return {
    reached: new Promise<void>((r) => {
      reached = r;
    }),
    pass: () => {
      reached();
      return opened;
    },
    open,
  };
}
