import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../harness.js';
import { addPlanet, sql } from '../support/game-sql.js';
import { RICH, fleetEvents, fleetRow, planetState, playerAt, plus, send, streamOf, tickAt } from './support.js';

describe('deploy, espionage, recycle and colonize', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_ACCESS_TOKEN_TTL_S: '100000000' } });
  });
  afterAll(async () => t?.stop());

  it('deploy: ships and cargo join the own target planet; nothing flies back', async () => {
    const a = await playerAt(t, 'dep', { galaxy: 3, system: 20, position: 1 }, { units: { lightFighter: 4 } });
    const colony = await addPlanet(t, a.playerId, { galaxy: 3, system: 20, position: 15, ...RICH, buildings: {}, at: t.clock.now() });
    await sql(t, `update planet set units = '{"lightFighter": 1}'::jsonb where id = ?`, [colony]);
    // 3 light fighters (12 500), d = 1000 + 5·14 = 1070: t = round(3500·sqrt(0.856) + 10) = round(3248.21) = 3248,
    // fuel = round(3·20·1070/35000·(10.00065/10 + 1)²) = round(7.3376) = 7.
    const t0 = t.clock.now();
    const r = await send(t, a, {
      ships: { lightFighter: 3 },
      target: { galaxy: 3, system: 20, position: 15 },
      mission: 'deploy',
      cargo: { metal: 100, crystal: 0, deuterium: 0 },
    });
    expect(r.status).toBe(202);
    expect(r.body.fleet).toMatchObject({ fuel: 7, returnsAt: null, target: { planetId: colony }, arrivesAt: plus(t0, 3248).toISOString() });
    expect(await fleetEvents(t, r.body.fleet.id)).toEqual([{ kind: 'fleet.arrive', dueAt: plus(t0, 3248), planetId: colony }]);
    await tickAt(t, plus(t0, 3248));
    expect(await planetState(t, colony)).toEqual({ resources: { ...RICH, metal: RICH.metal + 100 }, units: { lightFighter: 4 } });
    expect(await planetState(t, a.planetId)).toEqual({
      resources: { metal: RICH.metal - 100, crystal: RICH.crystal, deuterium: RICH.deuterium - 7 },
      units: { lightFighter: 1 },
    });
    expect(await fleetRow(t, r.body.fleet.id)).toMatchObject({ state: 'done', returnsAt: null, outcome: { mission: 'deploy', planetId: colony } });
    expect(await fleetEvents(t, r.body.fleet.id)).toEqual([]);
    const arrived = await streamOf(t, a.playerId, ['fleet.arrived']);
    expect(arrived[0]?.data.planet).toEqual({ id: colony, resources: { ...RICH, metal: RICH.metal + 100 }, units: { lightFighter: 4 } });
  });

  it('espionage: the report shows what probes vs tech allow; the target is told; the probes come back', async () => {
    const spy = await playerAt(t, 'spy', { galaxy: 3, system: 21, position: 1 }, { units: { espionageProbe: 3 }, research: { espionage: 2 } });
    const victim = await playerAt(
      t,
      'vic',
      { galaxy: 3, system: 21, position: 3 },
      {
        units: { smallCargo: 4, rocketLauncher: 7 },
        research: { espionage: 1, weapons: 3 },
        buildings: { metalMine: 5 },
      },
    );
    // 3 probes: 3 + (2 − 1)·1 = 4 effective → resources, fleet, defense (buildings need 5).
    // d = 1010, v = 1e8: t = round(3500·sqrt(0.000101) + 10) = round(45.17) = 45 s; fuel 1.
    const t0 = t.clock.now();
    const r = await send(t, spy, { ships: { espionageProbe: 3 }, target: victim.coords, mission: 'espionage' });
    expect(r.status).toBe(202);
    expect(r.body.fleet).toMatchObject({ fuel: 1, arrivesAt: plus(t0, 45).toISOString(), returnsAt: plus(t0, 90).toISOString() });
    await tickAt(t, plus(t0, 45));
    const fleet = await fleetRow(t, r.body.fleet.id);
    expect(fleet.state).toBe('returning');
    const reportId = fleet.outcome?.reportId as number;
    const view = await t.api.get(`/api/v1/reports/espionage/${reportId}`, spy.token);
    expect(view.status).toBe(200);
    expect(view.body).toEqual({
      id: reportId,
      at: plus(t0, 45).toISOString(),
      coords: victim.coords,
      planetName: 'Homeworld',
      spy: { playerId: spy.playerId, username: spy.name },
      target: { playerId: victim.playerId, username: victim.name },
      role: 'spy',
      probes: 3,
      effectiveProbes: 4,
      sections: ['resources', 'fleet', 'defense'],
      resources: RICH,
      fleet: { smallCargo: 4 },
      defense: { rocketLauncher: 7 },
    });
    expect((await t.api.get(`/api/v1/reports/espionage/${reportId}`, victim.token)).body.role).toBe('target');
    const other = await playerAt(t, 'oth', { galaxy: 3, system: 21, position: 13 });
    expect((await t.api.get(`/api/v1/reports/espionage/${reportId}`, other.token)).status).toBe(404);
    expect((await t.api.get('/api/v1/reports/espionage', spy.token)).body.reports.map((x: { id: number }) => x.id)).toEqual([reportId]);
    expect((await streamOf(t, spy.playerId, ['espionage.report']))[0]?.data.report.id).toBe(reportId);
    expect((await streamOf(t, victim.playerId, ['espionage.detected']))[0]?.data).toEqual({
      fleetId: r.body.fleet.id,
      reportId,
      planetId: victim.planetId,
      at: plus(t0, 45).toISOString(),
      probes: 3,
      from: { playerId: spy.playerId, username: spy.name, coords: spy.coords },
    });
    await tickAt(t, plus(t0, 90));
    expect((await planetState(t, spy.planetId)).units).toEqual({ espionageProbe: 3 });
    // Five probes with equal tech also see the buildings.
    await sql(t, `update player set research = research || '{"espionage": 1}'::jsonb where id = ?`, [spy.playerId]);
    await sql(t, `update planet set units = '{"espionageProbe": 5}'::jsonb where id = ?`, [spy.planetId]);
    const second = await send(t, spy, { ships: { espionageProbe: 5 }, target: victim.coords, mission: 'espionage' });
    await tickAt(t, plus(t.clock.now(), 45));
    const id2 = (await fleetRow(t, second.body.fleet.id)).outcome?.reportId as number;
    const report2 = (await t.api.get(`/api/v1/reports/espionage/${id2}`, spy.token)).body;
    expect(report2.sections).toEqual(['resources', 'fleet', 'defense', 'buildings']);
    expect(report2.buildings.metalMine).toBe(5);
    expect(report2.research).toBeUndefined();
  });

  it('recycle: recyclers collect up to their hold; the rest stays; the load lands at home', async () => {
    const a = await playerAt(t, 'rec', { galaxy: 3, system: 22, position: 1 }, { units: { recycler: 2 } });
    await sql(t, `insert into debris_field (galaxy, system, position, metal, crystal, updated_at) values (3, 23, 2, 30000, 5000, now())`);
    // 2 recyclers (2000), d = 2700 + 95 = 2795: t = round(3500·sqrt(13.975) + 10) = round(13 094.1) = 13 094,
    // fuel = round(2·300·2795/35000·(10.00008/10 + 1)²) = round(191.66) = 192. Hold 40 000: crystal 5000, metal 35 000 → all 30 000.
    const t0 = t.clock.now();
    const r = await send(t, a, { ships: { recycler: 2 }, target: { galaxy: 3, system: 23, position: 2 }, mission: 'recycle' });
    expect(r.status).toBe(202);
    expect(r.body.fleet).toMatchObject({ fuel: 192, arrivesAt: plus(t0, 13_094).toISOString() });
    expect(await fleetEvents(t, r.body.fleet.id)).toEqual([{ kind: 'fleet.arrive', dueAt: plus(t0, 13_094), planetId: null }]);
    await sql(t, 'update debris_field set metal = 50000 where galaxy = 3 and system = 23 and position = 2');
    await tickAt(t, plus(t0, 13_094));
    // 40 000 hold: half (20 000) for metal, crystal takes its 5000, metal the 15 000 left over.
    expect(await fleetRow(t, r.body.fleet.id)).toMatchObject({ state: 'returning', cargo: { metal: 35_000, crystal: 5000, deuterium: 0 } });
    expect(await sql(t, 'select metal::int, crystal::int from debris_field where galaxy = 3 and system = 23 and position = 2')).toEqual([
      { metal: 15_000, crystal: 0 },
    ]);
    await tickAt(t, plus(t0, 2 * 13_094));
    expect(await planetState(t, a.planetId)).toEqual({
      resources: { metal: RICH.metal + 35_000, crystal: RICH.crystal + 5000, deuterium: RICH.deuterium - 192 },
      units: { recycler: 2 },
    });
  });

  it('colonize: a free position becomes a planet with the cargo; the limit and a taken spot send the fleet home', async () => {
    const a = await playerAt(
      t,
      'col',
      { galaxy: 3, system: 24, position: 1 },
      { units: { colonyShip: 3, smallCargo: 1 }, research: { astrophysics: 1 } },
    );
    // colony ship (2500) + small cargo, d = 1005: t = round(3500·sqrt(4.02) + 10) = round(7027.48) = 7027,
    // fuel = round(114.865) + round(0.8368) = 115 + 1 = 116.
    const t0 = t.clock.now();
    const cargo = { metal: 1000, crystal: 500, deuterium: 0 };
    const first = await send(t, a, {
      ships: { colonyShip: 1, smallCargo: 1 },
      target: { galaxy: 3, system: 24, position: 2 },
      mission: 'colonize',
      cargo,
    });
    expect(first.status).toBe(202);
    expect(first.body.fleet).toMatchObject({ fuel: 116, arrivesAt: plus(t0, 7027).toISOString(), returnsAt: plus(t0, 2 * 7027).toISOString() });
    // A second colonizer to another free spot: fine at dispatch (one planet owned), too many at arrival.
    const second = await send(t, a, { ships: { colonyShip: 1 }, target: { galaxy: 3, system: 24, position: 3 }, mission: 'colonize' });
    expect(second.status).toBe(202);
    await tickAt(t, plus(t0, 7027));
    const colonyRow = await sql<{ id: number; player_id: number; metal: string; crystal: string }>(
      t,
      'select id, player_id, metal, crystal from planet where galaxy = 3 and system = 24 and position = 2',
    );
    expect(colonyRow).toEqual([{ id: expect.any(Number), player_id: a.playerId, metal: '1000', crystal: '500' }]);
    const colonyId = colonyRow[0]!.id;
    expect(await fleetRow(t, first.body.fleet.id)).toMatchObject({
      state: 'returning',
      ships: { smallCargo: 1 },
      cargo: { metal: 0, crystal: 0, deuterium: 0 },
      outcome: { mission: 'colonize', planetId: colonyId, reason: null },
    });
    expect((await streamOf(t, a.playerId, ['planet.colonized']))[0]?.data.planet).toEqual({
      id: colonyId,
      name: 'Colony',
      coords: { galaxy: 3, system: 24, position: 2 },
    });
    // The lone colony ship flies 1010 (t = round(3500·sqrt(4.04) + 10) = 7045 s): it arrives after the first one founded the colony.
    expect(second.body.fleet.arrivesAt).toBe(plus(t0, 7045).toISOString());
    await tickAt(t, plus(t0, 7045));
    const second2 = await fleetRow(t, second.body.fleet.id);
    expect(second2).toMatchObject({
      state: 'returning',
      ships: { colonyShip: 1 },
      outcome: { mission: 'colonize', planetId: null, reason: 'planetLimit' },
    });
    expect(await sql(t, 'select id from planet where galaxy = 3 and system = 24 and position = 3')).toEqual([]);
    // Now two planets with astrophysics 1 (max 2): a third colonizer is refused at dispatch.
    const third = await send(t, a, { ships: { colonyShip: 1 }, target: { galaxy: 3, system: 24, position: 13 }, mission: 'colonize' });
    expect(third.status).toBe(422);
    expect(third.body.error.code).toBe('TOO_MANY_PLANETS');
    // A spot taken while the colony ship flies: it comes back with its cargo.
    await sql(t, `update player set research = research || '{"astrophysics": 3}'::jsonb where id = ?`, [a.playerId]);
    const t1 = t.clock.now();
    const fourth = await send(t, a, {
      ships: { colonyShip: 1 },
      target: { galaxy: 3, system: 24, position: 14 },
      mission: 'colonize',
      cargo: { metal: 10, crystal: 0, deuterium: 0 },
    });
    expect(fourth.status).toBe(202);
    const rival = await playerAt(t, 'riv', { galaxy: 3, system: 24, position: 14 });
    await tickAt(t, plus(t1, 70_000));
    expect(await fleetRow(t, fourth.body.fleet.id)).toMatchObject({
      state: 'done',
      outcome: { mission: 'colonize', planetId: null, reason: 'positionTaken' },
    });
    expect((await planetState(t, rival.planetId)).resources).toEqual(RICH);
    const home = await planetState(t, a.planetId);
    expect(home.units).toEqual({ colonyShip: 2, smallCargo: 1 });
  });
});
