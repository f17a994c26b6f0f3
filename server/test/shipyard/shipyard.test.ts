import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../harness.js';
import { RICH, iso, planetState, playerAt, plus, send, streamOf, tickAt, type Player } from '../fleets/support.js';
import { sql } from '../support/game-sql.js';

// Small cargo (2000 + 2000) at shipyard 2: 3600·4000 / (2500·3) = 1920 s per unit.
// Rocket launcher (2000 + 0) at shipyard 2: 3600·2000 / 7500 = 960 s. Solar satellite at shipyard 1: 3600·2000 / 5000 = 1440 s.
const SC = 1920;

describe('shipyard', () => {
  let t: TestServer;
  let system = 80;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_ACCESS_TOKEN_TTL_S: '100000000' } });
  });
  afterAll(async () => t?.stop());

  const yard = (buildings: Record<string, number> = { shipyard: 2 }, research: Record<string, number> = { combustion: 2 }) =>
    playerAt(t, 'yard', { galaxy: 8, system: system++, position: 1 }, { buildings, research });
  const build = (p: Player, unit: string, count: number, planetId = p.planetId) =>
    t.api.post(`/api/v1/planets/${planetId}/shipyard`, { unit, count }, p.token);
  const orderRows = (planetId: number) =>
    sql<{ unit: string; count: number; delivered: number }>(t, 'select unit, count, delivered from shipyard_order where planet_id = ? order by id', [
      planetId,
    ]);
  const unitEvents = (planetId: number) =>
    sql<{ due_at: Date }>(t, `select due_at from scheduled_event where planet_id = ? and kind = 'shipyard.unit' order by due_at`, [planetId]).then(
      (rows) => rows.map((r) => new Date(r.due_at)),
    );

  it('pays up front and delivers units one by one at their exact finish instants', async () => {
    const a = await yard();
    const t0 = t.clock.now();
    const r = await build(a, 'smallCargo', 3);
    expect(r.status).toBe(202);
    expect(r.body).toEqual({
      order: {
        id: expect.any(Number),
        planetId: a.planetId,
        unit: 'smallCargo',
        count: 3,
        delivered: 0,
        cost: { metal: 6000, crystal: 6000, deuterium: 0 },
        unitSeconds: SC,
        queuedAt: iso(t0),
        startsAt: iso(t0),
        endsAt: iso(plus(t0, 3 * SC)),
        nextUnitAt: iso(plus(t0, SC)),
      },
      resources: { metal: RICH.metal - 6000, crystal: RICH.crystal - 6000, deuterium: RICH.deuterium },
    });
    expect((await planetState(t, a.planetId)).resources).toEqual({
      metal: RICH.metal - 6000,
      crystal: RICH.crystal - 6000,
      deuterium: RICH.deuterium,
    });
    // One event at a time: only the next unit is scheduled.
    expect(await unitEvents(a.planetId)).toEqual([plus(t0, SC)]);
    // A second order waits behind the first.
    const second = await build(a, 'rocketLauncher', 2);
    expect(second.body.order).toMatchObject({ startsAt: null, endsAt: null, nextUnitAt: null, unitSeconds: 960 });

    expect(await tickAt(t, plus(t0, SC).getTime() - 1)).toBe(0);
    expect((await planetState(t, a.planetId)).units).toEqual({});
    await tickAt(t, plus(t0, SC));
    expect((await planetState(t, a.planetId)).units).toEqual({ smallCargo: 1 });
    expect(await orderRows(a.planetId)).toEqual([
      { unit: 'smallCargo', count: 3, delivered: 1 },
      { unit: 'rocketLauncher', count: 2, delivered: 0 },
    ]);
    expect(await unitEvents(a.planetId)).toEqual([plus(t0, 2 * SC)]);
    const view = await t.api.get(`/api/v1/planets/${a.planetId}`, a.token);
    expect(view.body.units).toEqual({ smallCargo: 1 });
    expect(view.body.queues.shipyard.map((o: { delivered: number; nextUnitAt: string | null }) => [o.delivered, o.nextUnitAt])).toEqual([
      [1, iso(plus(t0, 2 * SC))],
      [0, null],
    ]);

    // The unit delivered from a half-finished batch is real: it can fly.
    const target = await playerAt(t, 'tgt', { galaxy: 8, system: 79, position: 3 });
    const fleet = await send(t, a, { ships: { smallCargo: 1 }, target: target.coords, mission: 'transport' });
    expect(fleet.status).toBe(202);
    expect((await planetState(t, a.planetId)).units).toEqual({});

    // A late tick still delivers every unit at its own instant, in order, and starts the next order at the end of the first.
    await tickAt(t, plus(t0, 3 * SC + 960));
    expect((await planetState(t, a.planetId)).units).toEqual({ smallCargo: 2, rocketLauncher: 1 });
    expect(await orderRows(a.planetId)).toEqual([{ unit: 'rocketLauncher', count: 2, delivered: 1 }]);
    expect(await unitEvents(a.planetId)).toEqual([plus(t0, 3 * SC + 2 * 960)]);
    const applied = await sql<{ due_at: Date }>(
      t,
      `select due_at from applied_event where kind = 'shipyard.unit' and due_at >= ? and due_at <= ? order by due_at`,
      [t0, plus(t0, 3 * SC + 960)],
    );
    expect(applied.map((x) => new Date(x.due_at))).toEqual([plus(t0, SC), plus(t0, 2 * SC), plus(t0, 3 * SC), plus(t0, 3 * SC + 960)]);
    const done = await streamOf(t, a.playerId, ['shipyard.completed']);
    expect(done).toHaveLength(1);
    expect(done[0]?.data).toMatchObject({
      planetId: a.planetId,
      at: iso(plus(t0, 3 * SC)),
      order: { unit: 'smallCargo', delivered: 3 },
      next: { unit: 'rocketLauncher', startsAt: iso(plus(t0, 3 * SC)), endsAt: iso(plus(t0, 3 * SC + 2 * 960)) },
    });
  });

  it('solar satellites add energy as each one is delivered', async () => {
    const a = await yard({ shipyard: 1, metalMine: 1 }, {});
    const tMax = (await sql<{ temperature_max: number }>(t, 'select temperature_max from planet where id = ?', [a.planetId]))[0]!.temperature_max;
    const each = Math.floor((tMax + 140) / 6);
    const t0 = t.clock.now();
    expect((await build(a, 'solarSatellite', 2)).status).toBe(202);
    const energy = async () => (await t.api.get(`/api/v1/planets/${a.planetId}`, a.token)).body.energy;
    expect(await energy()).toMatchObject({ produced: 0, consumed: 11, factor: 0 });
    await tickAt(t, plus(t0, 1440));
    expect((await energy()).produced).toBe(each);
    await tickAt(t, plus(t0, 2 * 1440));
    expect(await energy()).toMatchObject({ produced: 2 * each, consumed: 11 });
  });

  it('refuses bad orders with a stable code and writes nothing', async () => {
    const a = await yard({ shipyard: 1 }, { shielding: 2 });
    const other = await yard();
    expect((await build(a, 'smallShieldDome', 1)).status).toBe(202);
    const stock = await planetState(t, a.planetId);
    const rows = await orderRows(a.planetId);
    const cases: Array<[unknown, number, string, number?]> = [
      [{ unit: 'deathStar', count: 1 }, 422, 'UNKNOWN_UNIT'],
      [{ unit: 'cruiser', count: 1 }, 422, 'REQUIREMENTS_NOT_MET'],
      [{ unit: 'smallShieldDome', count: 1 }, 422, 'UNIT_LIMIT_REACHED'],
      [{ unit: 'rocketLauncher', count: 26 }, 422, 'INSUFFICIENT_RESOURCES'],
      [{ unit: 'rocketLauncher', count: 0 }, 400, 'VALIDATION_FAILED'],
      [{ unit: 'rocketLauncher', count: 1.5 }, 400, 'VALIDATION_FAILED'],
      [{ unit: 'rocketLauncher', count: 1, extra: 1 }, 400, 'VALIDATION_FAILED'],
      [{ unit: 'rocketLauncher', count: 1 }, 404, 'NOT_FOUND', other.planetId],
    ];
    for (const [body, status, code, planetId] of cases) {
      const r = await t.api.post(`/api/v1/planets/${planetId ?? a.planetId}/shipyard`, body, a.token);
      expect([JSON.stringify(body), r.status, r.body.error.code]).toEqual([JSON.stringify(body), status, code]);
    }
    const missing = await build(a, 'cruiser', 1);
    expect(missing.body.error.details).toEqual({ missing: ['shipyard 5', 'ion 2', 'impulse 4'] });
    expect(await planetState(t, a.planetId)).toEqual(stock);
    expect(await orderRows(a.planetId)).toEqual(rows);
    // Five orders at most.
    for (let i = 0; i < 4; i++) expect((await build(a, 'rocketLauncher', 1)).status).toBe(202);
    const full = await build(a, 'rocketLauncher', 1);
    expect([full.status, full.body.error.code]).toEqual([422, 'QUEUE_FULL']);
    expect(await orderRows(a.planetId)).toHaveLength(5);
  });

  it('lists costs, times and missing requirements per unit; another player gets 404', async () => {
    const a = await yard();
    const r = await t.api.get(`/api/v1/planets/${a.planetId}/shipyard`, a.token);
    expect(r.status).toBe(200);
    expect(r.body.catalogue).toHaveLength(18);
    expect(r.body.catalogue.find((u: { id: string }) => u.id === 'smallCargo')).toEqual({
      id: 'smallCargo',
      kind: 'ship',
      count: 0,
      cost: { metal: 2000, crystal: 2000, deuterium: 0 },
      unitSeconds: SC,
      missing: [],
      limit: null,
    });
    expect(r.body.catalogue.find((u: { id: string }) => u.id === 'largeShieldDome')).toMatchObject({
      kind: 'defense',
      limit: 1,
      missing: ['shipyard 6', 'shielding 6'],
    });
    const b = await yard();
    expect((await t.api.get(`/api/v1/planets/${a.planetId}/shipyard`, b.token)).status).toBe(404);
  });
});
