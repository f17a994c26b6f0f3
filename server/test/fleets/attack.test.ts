import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { COMBAT_ENGINE_VERSION, simulateBattle } from '@starhold/common';
import { gatewayPlugin } from '../../src/realtime/gateway.js';
import { startTestServer, type TestServer } from '../harness.js';
import { connectClient, newClientId, type TestClient } from '../realtime/client.js';
import { sql } from '../support/game-sql.js';
import { RICH, fleetEvents, fleetRow, planetState, playerAt, plus, send, streamOf, tickAt } from './support.js';

// 100 battleships (hyperspace drive 0: 10 000), d = 1010: t = round(3500·sqrt(1.01) + 10) = round(3527.46) = 3527,
// fuel = round(100·500·1010/35000·(10.0013/10 + 1)²) = round(5772.18) = 5772.
const T = 3527;
const FUEL = 5772;
const STOCK = { metal: 40_000, crystal: 30_000, deuterium: 20_000 };

describe('attack', () => {
  let t: TestServer;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_ACCESS_TOKEN_TTL_S: '100000000' }, plugins: () => [gatewayPlugin()] });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t?.stop();
  });

  it('fights at arrival, loots, leaves debris, stores a replayable report and pushes it to both players', async () => {
    const a = await playerAt(t, 'att', { galaxy: 4, system: 30, position: 1 }, { units: { battleship: 100 } });
    const d = await playerAt(
      t,
      'def',
      { galaxy: 4, system: 30, position: 3 },
      {
        resources: STOCK,
        units: { rocketLauncher: 1, smallCargo: 2, solarSatellite: 1 },
        research: { weapons: 1, armour: 2 },
      },
    );
    const live = await Promise.all([a, d].map((p) => connectClient(t.url, { token: p.token, clientId: newClientId('att'), lastSeq: null })));
    clients.push(...live);
    const t0 = t.clock.now();
    const r = await send(t, a, { ships: { battleship: 100 }, target: d.coords, mission: 'attack' });
    expect(r.status).toBe(202);
    expect(r.body.fleet).toMatchObject({ fuel: FUEL, arrivesAt: plus(t0, T).toISOString(), returnsAt: plus(t0, 2 * T).toISOString() });
    const fleetId: number = r.body.fleet.id;
    // The defender sees it coming.
    const incoming = await t.api.get('/api/v1/fleets', d.token);
    expect(incoming.body.incoming).toEqual([
      expect.objectContaining({ id: fleetId, mission: 'attack', shipCount: 100, arrivesAt: plus(t0, T).toISOString() }),
    ]);

    await tickAt(t, plus(t0, T));
    const fleet = await fleetRow(t, fleetId);
    const reportId = fleet.outcome?.reportId as number;
    expect(fleet).toMatchObject({
      state: 'returning',
      ships: { battleship: 100 },
      outcome: { mission: 'attack', winner: 'attacker', destroyed: false },
    });
    // 150 000 free hold ≥ half of everything: exactly half of each resource.
    const loot = { metal: 20_000, crystal: 15_000, deuterium: 10_000 };
    expect(fleet.cargo).toEqual(loot);
    expect(fleet.outcome?.loot).toEqual(loot);

    const report = await t.api.get(`/api/v1/reports/battles/${reportId}`, a.token);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      id: reportId,
      at: plus(t0, T).toISOString(),
      coords: d.coords,
      planetName: 'Homeworld',
      fleetId,
      role: 'attacker',
      winner: 'attacker',
      attacker: { playerId: a.playerId, username: a.name },
      defender: { playerId: d.playerId, username: d.name },
      loot,
      engineVersion: COMBAT_ENGINE_VERSION,
      // 30% of the destroyed ships: 2 small cargo (4000/4000) + a satellite (0/2000); defenses leave none.
      debris: { metal: 1200, crystal: 1800 },
      input: {
        attackers: { units: { battleship: 100 }, techs: { weapons: 0, shielding: 0, armour: 0 } },
        defenders: { units: { rocketLauncher: 1, smallCargo: 2, solarSatellite: 1 }, techs: { weapons: 1, shielding: 0, armour: 2 } },
      },
    });
    // Replayable: the stored seed and inputs give the stored result again.
    const { seed, input, result } = report.body;
    expect(simulateBattle({ ...input, seed })).toEqual(result);
    // The planet keeps exactly the report's survivors (a repaired rocket launcher included).
    const repaired = result.repairedDefenses.rocketLauncher as number;
    expect(result.survivors.defender).toEqual({ rocketLauncher: repaired, smallCargo: 0, solarSatellite: 0 });
    expect(await planetState(t, d.planetId)).toEqual({
      resources: { metal: 20_000, crystal: 15_000, deuterium: 10_000 },
      units: repaired ? { rocketLauncher: 1 } : {},
    });
    expect(await sql(t, 'select metal::int, crystal::int from debris_field where galaxy = 4 and system = 30 and position = 3')).toEqual([
      { metal: 1200, crystal: 1800 },
    ]);

    // Pushed to both players through their streams, live on their sockets.
    for (const [p, c, role] of [
      [a, live[0]!, 'attacker'],
      [d, live[1]!, 'defender'],
    ] as const) {
      const stored = await streamOf(t, p.playerId, ['battle.report']);
      expect(stored).toHaveLength(1);
      expect(stored[0]?.data.report).toMatchObject({ id: reportId, role });
      const pushed = await c.waitFor<{ type: string; data: { report: { id: number } } }>('event', (e) => e.type === 'battle.report');
      expect(pushed.data.report.id).toBe(reportId);
    }
    expect((await streamOf(t, d.playerId, ['battle.report']))[0]?.data.planet).toEqual({
      id: d.planetId,
      units: repaired ? { rocketLauncher: 1 } : {},
      resources: { metal: 20_000, crystal: 15_000, deuterium: 10_000 },
    });
    // Only the two participants may read it.
    const stranger = await playerAt(t, 'str', { galaxy: 4, system: 30, position: 13 });
    expect((await t.api.get(`/api/v1/reports/battles/${reportId}`, stranger.token)).status).toBe(404);
    expect((await t.api.get('/api/v1/reports/battles', stranger.token)).body.reports).toEqual([]);
    expect((await t.api.get('/api/v1/reports/battles', d.token)).body.reports).toEqual([expect.objectContaining({ id: reportId, role: 'defender' })]);

    await tickAt(t, plus(t0, 2 * T));
    expect(await planetState(t, a.planetId)).toEqual({
      resources: { metal: RICH.metal + 20_000, crystal: RICH.crystal + 15_000, deuterium: RICH.deuterium - FUEL + 10_000 },
      units: { battleship: 100 },
    });
  });

  it('an attacker wiped out does not come back', async () => {
    const a = await playerAt(t, 'los', { galaxy: 4, system: 31, position: 1 }, { units: { lightFighter: 1 } });
    const d = await playerAt(t, 'for', { galaxy: 4, system: 31, position: 3 }, { units: { plasmaTurret: 20 } });
    // 1 light fighter (12 500), d = 1010: t = round(3500·sqrt(0.808) + 10) = round(3156.11) = 3156, fuel = round(2.3087) = 2.
    const t0 = t.clock.now();
    const r = await send(t, a, { ships: { lightFighter: 1 }, target: d.coords, mission: 'attack' });
    expect(r.body.fleet).toMatchObject({ fuel: 2, arrivesAt: plus(t0, 3156).toISOString() });
    await tickAt(t, plus(t0, 3156));
    const fleet = await fleetRow(t, r.body.fleet.id);
    expect(fleet).toMatchObject({
      state: 'done',
      ships: {},
      returnsAt: null,
      outcome: { winner: 'defender', destroyed: true, loot: { metal: 0, crystal: 0, deuterium: 0 } },
    });
    expect(await fleetEvents(t, r.body.fleet.id)).toEqual([]);
    expect(await planetState(t, d.planetId)).toEqual({ resources: RICH, units: { plasmaTurret: 20 } });
    // 30% of a light fighter: 900 metal, 300 crystal.
    expect(await sql(t, 'select metal::int, crystal::int from debris_field where galaxy = 4 and system = 31 and position = 3')).toEqual([
      { metal: 900, crystal: 300 },
    ]);
    const report = await t.api.get(`/api/v1/reports/battles/${fleet.outcome?.reportId}`, d.token);
    expect(report.body).toMatchObject({ role: 'defender', winner: 'defender', attackerLosses: { metal: 3000, crystal: 1000, deuterium: 0 } });
    expect(simulateBattle({ ...report.body.input, seed: report.body.seed })).toEqual(report.body.result);
  });
});
