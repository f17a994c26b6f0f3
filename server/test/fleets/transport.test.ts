import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../harness.js';
import { sql } from '../support/game-sql.js';
import { RICH, fleetEvents, fleetRow, iso, planetState, playerAt, plus, send, streamOf, tickAt } from './support.js';

// 2 small cargo (combustion 0: 5000) from 2:10:1 to 2:10:3: d = 1000 + 5·2 = 1010,
// t = round(3500·sqrt(10·1010/5000) + 10) = round(4984.43) = 4984 s,
// fuel = max(1, round(2·10·1010/35000·(sv/10 + 1)²)) with sv = 35000/4974·sqrt(2.02) = 10.0009 → round(2.3088) = 2.
const T = 4984;
const FUEL = 2;

describe('transport', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_ACCESS_TOKEN_TTL_S: '100000000' } });
  });
  afterAll(async () => t?.stop());

  it('delivers the cargo once at the exact arrival instant and flies home empty', async () => {
    const a = await playerAt(t, 'trA', { galaxy: 2, system: 10, position: 1 }, { units: { smallCargo: 5 } });
    const b = await playerAt(t, 'trB', { galaxy: 2, system: 10, position: 3 });
    const cargo = { metal: 3000, crystal: 2000, deuterium: 1000 };
    const t0 = t.clock.now();
    const r = await send(t, a, { ships: { smallCargo: 2 }, target: b.coords, mission: 'transport', cargo });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ distance: 1010, durationSeconds: T, planetId: a.planetId, units: { smallCargo: 3 } });
    expect(r.body.fleet).toEqual({
      id: expect.any(Number),
      mission: 'transport',
      state: 'outbound',
      origin: { planetId: a.planetId, coords: a.coords },
      target: { coords: b.coords, planetId: null },
      ships: { smallCargo: 2 },
      cargo,
      speed: 100,
      fuel: FUEL,
      departedAt: iso(t0),
      arrivesAt: iso(plus(t0, T)),
      returnsAt: iso(plus(t0, 2 * T)),
      recalledAt: null,
      recallable: true,
      outcome: null,
    });
    const fleetId: number = r.body.fleet.id;
    // Cargo and fuel left with the ships.
    expect(await planetState(t, a.planetId)).toEqual({
      resources: { metal: RICH.metal - 3000, crystal: RICH.crystal - 2000, deuterium: RICH.deuterium - 1000 - FUEL },
      units: { smallCargo: 3 },
    });
    expect(await fleetEvents(t, fleetId)).toEqual([{ kind: 'fleet.arrive', dueAt: plus(t0, T), planetId: b.planetId }]);

    // One millisecond early: nothing.
    expect(await tickAt(t, plus(t0, T).getTime() - 1)).toBe(0);
    expect((await planetState(t, b.planetId)).resources).toEqual(RICH);

    await tickAt(t, plus(t0, T));
    expect((await planetState(t, b.planetId)).resources).toEqual({
      metal: RICH.metal + 3000,
      crystal: RICH.crystal + 2000,
      deuterium: RICH.deuterium + 1000,
    });
    const after = await fleetRow(t, fleetId);
    expect(after).toMatchObject({ state: 'returning', cargo: { metal: 0, crystal: 0, deuterium: 0 }, returnsAt: plus(t0, 2 * T) });
    expect(after.outcome).toEqual({ mission: 'transport', delivered: cargo });
    expect(await fleetEvents(t, fleetId)).toEqual([{ kind: 'fleet.return', dueAt: plus(t0, 2 * T), planetId: a.planetId }]);

    // Ticking again (and up to just before the return) delivers nothing more.
    expect(await tickAt(t, plus(t0, 2 * T).getTime() - 1)).toBe(0);
    expect((await planetState(t, b.planetId)).resources).toEqual({
      metal: RICH.metal + 3000,
      crystal: RICH.crystal + 2000,
      deuterium: RICH.deuterium + 1000,
    });
    const applied = await sql<{ n: number }>(t, `select count(*)::int as n from applied_event where kind = 'fleet.arrive' and due_at = ?`, [
      plus(t0, T),
    ]);
    expect(applied[0]?.n).toBe(1);

    await tickAt(t, plus(t0, 2 * T));
    expect(await planetState(t, a.planetId)).toEqual({
      resources: { metal: RICH.metal - 3000, crystal: RICH.crystal - 2000, deuterium: RICH.deuterium - 1000 - FUEL },
      units: { smallCargo: 5 },
    });
    expect((await fleetRow(t, fleetId)).state).toBe('done');
    expect(await fleetEvents(t, fleetId)).toEqual([]);
    const list = await t.api.get('/api/v1/fleets', a.token);
    expect(list.body.fleets).toEqual([]);

    expect((await streamOf(t, a.playerId, ['fleet.dispatched', 'fleet.arrived', 'fleet.returned'])).map((e) => e.type)).toEqual([
      'fleet.dispatched',
      'fleet.arrived',
      'fleet.returned',
    ]);
    const seen = await streamOf(t, b.playerId, ['fleet.incoming', 'transport.received']);
    expect(seen).toEqual([
      {
        type: 'fleet.incoming',
        data: {
          incoming: {
            id: fleetId,
            mission: 'transport',
            owner: { playerId: a.playerId, username: a.name },
            origin: { coords: a.coords },
            target: { planetId: b.planetId, coords: b.coords },
            shipCount: 2,
            arrivesAt: iso(plus(t0, T)),
          },
        },
      },
      {
        type: 'transport.received',
        data: {
          fleetId,
          planetId: b.planetId,
          cargo,
          from: { playerId: a.playerId, username: a.name, coords: a.coords },
          resources: { metal: RICH.metal + 3000, crystal: RICH.crystal + 2000, deuterium: RICH.deuterium + 1000 },
        },
      },
    ]);
  });
});
