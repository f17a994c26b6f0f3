import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { runTick } from '../../src/game/tick.js';
import { startTestServer, type TestServer } from '../harness.js';
import { untilWaiting } from '../support/tick.js';
import { RICH, fleetEvents, fleetRow, planetState, playerAt, plus, recall, send, streamOf, tickAt, type Player } from './support.js';

// 1 small cargo from position 1 to 3 of the next system: d = 2700 + 95 = 2795,
// t = round(3500·sqrt(5.59) + 10) = round(8285.11) = 8285 s, fuel = round(1·10·2795/35000·(10.00014/10 + 1)²) = round(3.194) = 3.
const T = 8285;
const FUEL = 3;
const CARGO = { metal: 1000, crystal: 2000, deuterium: 0 };

describe('recall', () => {
  let t: TestServer;
  let system = 60;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_ACCESS_TOKEN_TTL_S: '100000000' } });
  });
  afterAll(async () => t?.stop());

  async function pair(): Promise<{ a: Player; b: Player }> {
    system += 2;
    const a = await playerAt(t, 'own', { galaxy: 6, system, position: 1 }, { units: { smallCargo: 1 } });
    const b = await playerAt(t, 'dst', { galaxy: 6, system: system + 1, position: 3 });
    return { a, b };
  }
  const dispatch = async (a: Player, b: Player) => {
    const r = await send(t, a, { ships: { smallCargo: 1 }, target: b.coords, mission: 'transport', cargo: CARGO });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ durationSeconds: T, fleet: { fuel: FUEL } });
    return r.body.fleet as { id: number; departedAt: string; arrivesAt: string };
  };
  const delivered = async (b: Player) => (await planetState(t, b.planetId)).resources.metal - RICH.metal;

  it('turns a fleet back: home after the time flown so far, with its cargo; fuel is not refunded', async () => {
    const { a, b } = await pair();
    const t0 = t.clock.now();
    const fleet = await dispatch(a, b);
    expect(fleet.arrivesAt).toBe(plus(t0, T).toISOString());
    t.clock.advance(1000_500);
    const r = await recall(t, a, fleet.id);
    expect(r.status).toBe(200);
    expect(r.body.fleet).toMatchObject({
      state: 'returning',
      recalledAt: plus(t0, 1000.5).toISOString(),
      returnsAt: plus(t0, 2001).toISOString(),
      recallable: false,
      cargo: CARGO,
      arrivesAt: plus(t0, T).toISOString(),
    });
    expect(await fleetEvents(t, fleet.id)).toEqual([{ kind: 'fleet.return', dueAt: plus(t0, 2001), planetId: a.planetId }]);
    expect((await recall(t, a, fleet.id)).body.error.code).toBe('FLEET_NOT_RECALLABLE');
    expect(await tickAt(t, plus(t0, 2001).getTime() - 1)).toBe(0);
    await tickAt(t, plus(t0, 2001));
    expect(await planetState(t, a.planetId)).toEqual({ resources: { ...RICH, deuterium: RICH.deuterium - FUEL }, units: { smallCargo: 1 } });
    expect((await fleetRow(t, fleet.id)).state).toBe('done');
    await tickAt(t, plus(t0, T + 1));
    expect(await delivered(b)).toBe(0);
    expect((await streamOf(t, b.playerId, ['fleet.incoming', 'fleet.incomingRecalled'])).map((e) => e.type)).toEqual([
      'fleet.incoming',
      'fleet.incomingRecalled',
    ]);
  });

  it('at the arrival instant the arrival wins: the recall is refused and the cargo lands once', async () => {
    const { a, b } = await pair();
    const fleet = await dispatch(a, b);
    t.clock.set(new Date(fleet.arrivesAt));
    const [r] = await Promise.all([recall(t, a, fleet.id), runTick(t.services)]);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('FLEET_NOT_RECALLABLE');
    expect(await delivered(b)).toBe(CARGO.metal);
    expect(await fleetRow(t, fleet.id)).toMatchObject({ state: 'returning', recalledAt: null });
    await runTick(t.services);
    expect(await delivered(b)).toBe(CARGO.metal);
  });

  /** Holds a row lock in a separate connection until released. */
  async function holdLock(query: string, params: unknown[]): Promise<{ release: () => Promise<void> }> {
    const c = new pg.Client({ connectionString: t.dbUrl });
    await c.connect();
    await c.query('begin');
    await c.query(query, params);
    return {
      release: async () => {
        await c.query('commit');
        await c.end();
      },
    };
  }
  /** Resolves once `n` sessions of this test's database wait for a lock. */
  const someoneWaits = (n = 1): Promise<void> => untilWaiting(t, n);

  it('a recall that commits while the tick is applying the arrival wins; the arrival then does nothing', async () => {
    const { a, b } = await pair();
    const fleet = await dispatch(a, b);
    // The arrival handler locks the target planet first: hold it so the tick stops there with the event claimed.
    const planetLock = await holdLock('select id from planet where id = $1 for update', [b.planetId]);
    t.clock.set(new Date(fleet.arrivesAt));
    const tick = runTick(t.services);
    await someoneWaits();
    // The recall was issued a millisecond before the arrival: it must neither wait for the claimed event nor lose.
    t.clock.set(new Date(fleet.arrivesAt).getTime() - 1);
    const r = await recall(t, a, fleet.id);
    expect(r.status).toBe(200);
    await planetLock.release();
    await tick;
    expect(await delivered(b)).toBe(0);
    const row = await fleetRow(t, fleet.id);
    const flown = new Date(fleet.arrivesAt).getTime() - 1 - new Date(fleet.departedAt).getTime();
    expect(row).toMatchObject({
      state: 'returning',
      outcome: null,
      cargo: CARGO,
      returnsAt: new Date(new Date(fleet.arrivesAt).getTime() - 1 + flown),
    });
    expect(await fleetEvents(t, fleet.id)).toEqual([{ kind: 'fleet.return', dueAt: row.returnsAt, planetId: a.planetId }]);
    await tickAt(t, row.returnsAt!);
    expect(await planetState(t, a.planetId)).toEqual({ resources: { ...RICH, deuterium: RICH.deuterium - FUEL }, units: { smallCargo: 1 } });
    expect(await delivered(b)).toBe(0);
  });

  it('an arrival that commits first makes the waiting recall fail', async () => {
    const { a, b } = await pair();
    const fleet = await dispatch(a, b);
    // The handler takes the planet, then the fleet, and appends to both players' streams last: hold a player row.
    const playerLock = await holdLock('select id from player where id = $1 for update', [Math.min(a.playerId, b.playerId)]);
    t.clock.set(new Date(fleet.arrivesAt));
    const tick = runTick(t.services);
    await someoneWaits();
    t.clock.set(new Date(fleet.arrivesAt).getTime() - 1);
    const pending = recall(t, a, fleet.id);
    await someoneWaits(2); // the tick on the player row, the recall on the fleet row the tick holds
    await playerLock.release();
    await tick;
    const r = await pending;
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('FLEET_NOT_RECALLABLE');
    expect(await delivered(b)).toBe(CARGO.metal);
    expect(await fleetRow(t, fleet.id)).toMatchObject({ state: 'returning', recalledAt: null, outcome: { mission: 'transport' } });
  });

  it('only the owner can recall; a missing fleet is NOT_FOUND too; nothing changes', async () => {
    const { a, b } = await pair();
    const fleet = await dispatch(a, b);
    const before = await fleetRow(t, fleet.id);
    for (const [who, id] of [
      [b, fleet.id],
      [a, 999_999],
    ] as const) {
      const r = await recall(t, who, id);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
    expect(await fleetRow(t, fleet.id)).toEqual(before);
    expect(await fleetEvents(t, fleet.id)).toEqual([{ kind: 'fleet.arrive', dueAt: new Date(fleet.arrivesAt), planetId: b.planetId }]);
    expect((await t.api.post('/api/v1/fleets/abc/recall', undefined, a.token)).status).toBe(400);
  });
});
