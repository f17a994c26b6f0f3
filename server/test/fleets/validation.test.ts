import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../harness.js';
import { addPlanet, newClientId, sql } from '../support/game-sql.js';
import { RICH, planetState, playerAt, plus, send, type Player, type SendBody } from './support.js';

const UNITS = { smallCargo: 2, cruiser: 1, espionageProbe: 1, solarSatellite: 1, rocketLauncher: 1 };

describe('fleet dispatch: bad input is refused with a stable code and writes nothing', () => {
  let t: TestServer;
  let a: Player;
  let b: Player;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_ACCESS_TOKEN_TTL_S: '100000000' } });
    a = await playerAt(t, 'val', { galaxy: 7, system: 70, position: 1 }, { units: UNITS });
    b = await playerAt(t, 'oth', { galaxy: 7, system: 70, position: 3 });
    await addPlanet(t, a.playerId, { galaxy: 7, system: 70, position: 15, ...RICH, buildings: {}, at: t.clock.now() });
  });
  afterAll(async () => t?.stop());

  const counts = async () =>
    (
      await sql<{ f: number; e: number; s: number }>(
        t,
        `select (select count(*)::int from fleet) as f,
    (select count(*)::int from scheduled_event) as e, (select count(*)::int from player_event) as s`,
      )
    )[0];
  const own2 = { galaxy: 7, system: 70, position: 15 };
  const base: Omit<SendBody, 'planetId'> = { ships: { smallCargo: 1 }, target: { galaxy: 7, system: 70, position: 3 }, mission: 'transport' };

  const cases: Array<[string, Record<string, unknown>, number, string]> = [
    ['a speed off the 10% steps', { speed: 55 }, 400, 'VALIDATION_FAILED'],
    ['speed 0', { speed: 0 }, 400, 'VALIDATION_FAILED'],
    ['an unknown mission', { mission: 'explore' }, 400, 'VALIDATION_FAILED'],
    ['no ships', { ships: {} }, 400, 'VALIDATION_FAILED'],
    ['only zero counts', { ships: { smallCargo: 0 } }, 400, 'VALIDATION_FAILED'],
    ['a negative count', { ships: { smallCargo: -1 } }, 400, 'VALIDATION_FAILED'],
    ['a fractional count', { ships: { smallCargo: 1.5 } }, 400, 'VALIDATION_FAILED'],
    ['an unknown key', { fast: true }, 400, 'VALIDATION_FAILED'],
    ['a target without position', { target: { galaxy: 7, system: 70 } }, 400, 'VALIDATION_FAILED'],
    ['negative cargo', { cargo: { metal: -1, crystal: 0, deuterium: 0 } }, 400, 'VALIDATION_FAILED'],
    ['planet id 0', { planetId: 0 }, 400, 'VALIDATION_FAILED'],
    ["another player's planet", { planetId: -1 }, 404, 'NOT_FOUND'],
    ['a missing planet', { planetId: 2_000_000_000 }, 404, 'NOT_FOUND'],
    ['an unknown ship', { ships: { starDestroyer: 1 } }, 422, 'UNKNOWN_UNIT'],
    ['a solar satellite', { ships: { solarSatellite: 1 } }, 422, 'UNKNOWN_UNIT'],
    ['a defense', { ships: { rocketLauncher: 1 } }, 422, 'UNKNOWN_UNIT'],
    ['more ships than the planet has', { ships: { smallCargo: 3 } }, 422, 'NOT_ENOUGH_SHIPS'],
    ['a galaxy outside the universe', { target: { galaxy: 10, system: 1, position: 1 } }, 422, 'INVALID_TARGET'],
    ['a position outside the universe', { target: { galaxy: 7, system: 70, position: 16 } }, 422, 'INVALID_TARGET'],
    ['a transport to an empty position', { target: { galaxy: 7, system: 70, position: 2 } }, 422, 'INVALID_TARGET'],
    ['a transport to the origin', { target: { galaxy: 7, system: 70, position: 1 } }, 422, 'INVALID_TARGET'],
    ['an attack on an own planet', { mission: 'attack', target: own2 }, 422, 'INVALID_TARGET'],
    ['spying on an own planet', { mission: 'espionage', ships: { espionageProbe: 1 }, target: own2 }, 422, 'INVALID_TARGET'],
    ["a deploy to another player's planet", { mission: 'deploy' }, 422, 'INVALID_TARGET'],
    ['colonizing without a colony ship', { mission: 'colonize', ships: { smallCargo: 1 } }, 422, 'INVALID_MISSION'],
    ['spying with a cruiser', { mission: 'espionage', ships: { espionageProbe: 1, cruiser: 1 } }, 422, 'INVALID_MISSION'],
    ['recycling without a recycler', { mission: 'recycle', target: { galaxy: 7, system: 70, position: 2 } }, 422, 'INVALID_MISSION'],
    ['more cargo than the hold', { cargo: { metal: 5000, crystal: 1, deuterium: 0 } }, 422, 'CARGO_EXCEEDED'],
    ['cargo on an attack', { mission: 'attack', cargo: { metal: 1, crystal: 0, deuterium: 0 } }, 422, 'CARGO_EXCEEDED'],
  ];

  it.each(cases)('%s %p → %d %s', async (_name, patch, status, code) => {
    const before = await counts();
    const stock = await planetState(t, a.planetId);
    const body = { planetId: a.planetId, ...base, ...patch };
    if (patch.planetId === -1) body.planetId = b.planetId;
    const r = await t.api.post('/api/v1/fleets', body, a.token);
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(await counts()).toEqual(before);
    expect(await planetState(t, a.planetId)).toEqual(stock);
  });

  it('fuel and resources are checked after the ships: NOT_ENOUGH_FUEL, then INSUFFICIENT_RESOURCES for cargo + fuel', async () => {
    const before = await counts();
    // 2 small cargo to position 3: fuel 2 (see transport.test.ts).
    await sql(t, 'update planet set deuterium = 1 where id = ?', [a.planetId]);
    const fuel = await send(t, a, { ...base, ships: { smallCargo: 2 } });
    expect([fuel.status, fuel.body.error.code, fuel.body.error.details]).toEqual([422, 'NOT_ENOUGH_FUEL', { fuel: 2, available: 1 }]);
    await sql(t, 'update planet set deuterium = 100 where id = ?', [a.planetId]);
    const res = await send(t, a, { ...base, ships: { smallCargo: 2 }, cargo: { metal: 0, crystal: 0, deuterium: 99 } });
    expect([res.status, res.body.error.code]).toEqual([422, 'INSUFFICIENT_RESOURCES']);
    expect(await counts()).toEqual(before);
    expect((await planetState(t, a.planetId)).resources.deuterium).toBe(100);
    // Exactly enough is enough.
    const ok = await send(t, a, { ...base, ships: { smallCargo: 2 }, cargo: { metal: 0, crystal: 0, deuterium: 98 } });
    expect(ok.status).toBe(202);
    expect((await planetState(t, a.planetId)).resources.deuterium).toBe(0);
    const list = await t.api.get('/api/v1/fleets', a.token);
    expect(list.body.fleets).toEqual([ok.body.fleet]);
    expect(list.body.incoming).toEqual([]);
    const theirs = await t.api.get('/api/v1/fleets', b.token);
    expect(theirs.body.fleets).toEqual([]);
    expect(theirs.body.incoming).toEqual([
      expect.objectContaining({ id: ok.body.fleet.id, mission: 'transport', shipCount: 2, owner: { playerId: a.playerId, username: a.name } }),
    ]);
    await sql(t, 'update planet set deuterium = ? where id = ?', [RICH.deuterium, a.planetId]);
  });

  it('the same command through POST /api/v1/commands: applied, then rejected with its code', async () => {
    const clientId = newClientId('fleet');
    const envelope = (seq: number, payload: unknown) => ({ clientId, seq, type: 'fleets.send', payload });
    const ok = await t.api.post(
      '/api/v1/commands',
      envelope(1, { planetId: a.planetId, ...base, ships: { espionageProbe: 1 }, mission: 'espionage' }),
      a.token,
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'applied', result: { fleet: { mission: 'espionage', ships: { espionageProbe: 1 } } } });
    const no = await t.api.post(
      '/api/v1/commands',
      envelope(2, { planetId: a.planetId, ...base, ships: { espionageProbe: 1 }, mission: 'espionage' }),
      a.token,
    );
    expect(no.status).toBe(422);
    expect(no.body).toMatchObject({ status: 'rejected', error: { code: 'NOT_ENOUGH_SHIPS' } });
    const recall = await t.api.post(
      '/api/v1/commands',
      { clientId, seq: 3, type: 'fleets.recall', payload: { fleetId: ok.body.result.fleet.id } },
      a.token,
    );
    expect(recall.body).toMatchObject({ status: 'applied', result: { fleet: { state: 'returning' } } });
  });

  describe('preview', () => {
    const preview = (body: unknown, token = a.token) => t.api.post('/api/v1/fleets/preview', body, token);

    it('answers time, fuel and capacity without writing anything (and without needing the ships)', async () => {
      const before = await counts();
      const now = t.clock.now();
      const r = await preview({ planetId: a.planetId, ships: { smallCargo: 2 }, target: b.coords });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({
        distance: 1010,
        speed: 5000,
        durationSeconds: 4984,
        fuel: 2,
        capacity: 10_000,
        arrivesAt: plus(now, 4984).toISOString(),
        returnsAt: plus(now, 2 * 4984).toISOString(),
      });
      const many = await preview({ planetId: a.planetId, ships: { smallCargo: 50 }, target: b.coords, mission: 'deploy', speed: 50 });
      // At 50%: round(7000·sqrt(2.02) + 10) = round(9958.87) = 9959 s.
      expect(many.body).toMatchObject({ capacity: 250_000, returnsAt: null, durationSeconds: 9959 });
      expect(await counts()).toEqual(before);
    });

    it.each([
      ["another player's planet", { planetId: -1 }, 404, 'NOT_FOUND'],
      ['an unknown ship', { ships: { foo: 1 } }, 422, 'UNKNOWN_UNIT'],
      ['a target outside the universe', { target: { galaxy: 99, system: 1, position: 1 } }, 422, 'INVALID_TARGET'],
      ['a bad speed', { speed: 5 }, 400, 'VALIDATION_FAILED'],
    ] as const)('%s %p → %d %s', async (_n, patch, status, code) => {
      const body = {
        planetId: a.planetId,
        ships: { smallCargo: 1 },
        target: b.coords,
        ...patch,
        ...('planetId' in patch ? { planetId: b.planetId } : {}),
      };
      const r = await preview(body);
      expect([r.status, r.body.error.code]).toEqual([status, code]);
    });
  });
});
