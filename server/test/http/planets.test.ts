import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode, zeroBuildings } from '@starhold/common';
import { startTestServer, type TestServer } from '../harness.js';
import { rowCounts } from '../support/rows.js';

const HOUR = 3_600_000;
const START = 500;
// rules.md: base income metal 30/h, crystal 15/h, deuterium 0 at economy speed 1; storage 10 000 at level 0.
const BASE = { metal: 30, crystal: 15, deuterium: 0 };
const CAP = 10_000;

/** Exact expected amounts after `ms` of base income from 500/500/0. */
function expectedAfter(ms: number) {
  const grow = (start: number, perHour: number) => Math.min(CAP, start + Math.floor((perHour * ms) / HOUR));
  return { metal: grow(START, BASE.metal), crystal: grow(START, BASE.crystal), deuterium: 0 };
}

type Session = Awaited<ReturnType<TestServer['api']['register']>>;

describe('GET /api/v1/me and /api/v1/planets/:id', () => {
  let t: TestServer;
  let alice: Session;
  let bob: Session;
  beforeAll(async () => {
    // Long-lived access tokens: these tests move the clock by weeks.
    t = await startTestServer({ env: { STARHOLD_ACCESS_TOKEN_TTL_S: String(10 * 365 * 24 * 3600) } });
    alice = await t.api.register('alice');
    bob = await t.api.register('bob');
  });
  afterAll(async () => t?.stop());

  const view = async (who: Session, id: number | string = who.planetId) => t.api.get(`/api/v1/planets/${id}`, who.token);

  it('GET /me answers {player, planets:[{id, name, coords}]}', async () => {
    const r = await t.api.get('/api/v1/me', alice.token);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      player: { id: alice.playerId, username: 'alice', createdAt: t.clock.now().toISOString() },
      planets: [
        {
          id: alice.planetId,
          name: 'Homeworld',
          coords: { galaxy: expect.any(Number), system: expect.any(Number), position: expect.any(Number) },
        },
      ],
    });
    const other = await t.api.get('/api/v1/me', bob.token);
    expect(other.body.player.id).toBe(bob.playerId);
    expect(other.body.planets.map((p: { id: number }) => p.id)).toEqual([bob.planetId]);
  });

  it('the planet view has every field of a fresh planet', async () => {
    const me = await t.api.get('/api/v1/me', alice.token);
    const r = await view(alice);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: alice.planetId,
      name: 'Homeworld',
      coords: me.body.planets[0].coords,
      temperature: { min: expect.any(Number), max: expect.any(Number) },
      resources: { metal: 500, crystal: 500, deuterium: 0 },
      storage: { metal: CAP, crystal: CAP, deuterium: CAP },
      production: { perHour: BASE, actual: BASE },
      energy: { produced: 0, consumed: 0, factor: 100 },
      buildings: zeroBuildings(),
      queues: { building: [] },
    });
    expect(r.body.temperature.max - r.body.temperature.min).toBe(40);
    expect(Object.keys(r.body.buildings).sort()).toEqual(Object.keys(zeroBuildings()).sort());
  });

  it("answers another player's planet exactly like a missing one: 404 NOT_FOUND", async () => {
    const foreign = await view(alice, bob.planetId);
    const missing = await view(alice, 2_000_000);
    const maxId = await view(alice, 2_147_483_647);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ error: { code: ErrorCode.NOT_FOUND, message: expect.any(String) } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(foreign.body);
    expect(maxId.body).toEqual(foreign.body);
    expect((await view(bob)).status).toBe(200); // it does exist, for its owner
  });

  it.each(['abc', '1.5', '0', '-1', '1e3', '0x10', '+1', '01', ' 1', 'NaN', 'Infinity', '2147483648', '99999999999', '%E0%A4%A'])(
    'answers the id %p with 400 VALIDATION_FAILED',
    async (id) => {
      const r = await view(alice, id);
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ error: { code: ErrorCode.VALIDATION_FAILED, message: expect.any(String), details: expect.anything() } });
    },
  );

  it('asks for authentication before looking at the id', async () => {
    for (const id of [String(alice.planetId), 'abc']) {
      const r = await t.api.get(`/api/v1/planets/${id}`);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe(ErrorCode.UNAUTHENTICATED);
    }
  });

  describe('lazy accrual', () => {
    let carol: Session;
    let dave: Session;
    let origin = 0;
    beforeAll(async () => {
      // Registered at the same instant: one is read after every step, the other once.
      [carol, dave] = await Promise.all([t.api.register('carol'), t.api.register('dave')]);
      origin = t.clock.now().getTime();
    });

    it('grows by the base income exactly, however the time is sliced, and reading writes nothing', async () => {
      const steps = [37, 1, 999, 7, 4_321, 59_999, 61_001, 123_457, 1, 333_333, 17, 1_234_567];
      steps.push(HOUR - steps.reduce((a, b) => a + b, 0));
      const writes = await rowCounts(t);
      let elapsed = 0;
      for (const step of steps) {
        t.clock.advance(step);
        elapsed += step;
        const first = await view(carol);
        const again = await view(carol); // same instant: same answer
        expect({ elapsed, resources: first.body.resources }).toEqual({ elapsed, resources: expectedAfter(elapsed) });
        expect(again.body.resources).toEqual(first.body.resources);
      }
      expect(elapsed).toBe(HOUR);
      expect((await view(carol)).body.resources).toEqual({ metal: 530, crystal: 515, deuterium: 0 });
      expect((await view(dave)).body.resources).toEqual({ metal: 530, crystal: 515, deuterium: 0 });
      expect(await rowCounts(t)).toEqual(writes);
      const stored = await t.services.orm.em.fork().execute<{ metal: string | number }[]>('select metal from planet where id = ?', [carol.planetId]);
      expect(Number(stored[0]?.metal)).toBe(500);
    });

    it('matches a single read after many odd-sized steps over days', async () => {
      let elapsed = t.clock.now().getTime() - origin;
      for (let i = 0; i < 40; i++) {
        const step = 3_600_001 + i * 7_919; // a little over an hour, never a round number
        t.clock.advance(step);
        elapsed += step;
        expect((await view(carol)).body.resources).toEqual(expectedAfter(elapsed));
      }
      expect((await view(dave)).body.resources).toEqual((await view(carol)).body.resources);
    });

    it('stops at the storage capacity (10 000) and stays there', async () => {
      const at = (hours: number) => t.clock.set(origin + hours * HOUR);
      at(316);
      expect((await view(carol)).body.resources).toEqual({ metal: 9_980, crystal: 5_240, deuterium: 0 });
      at(317);
      expect((await view(carol)).body.resources).toEqual({ metal: CAP, crystal: 5_255, deuterium: 0 });
      at(633);
      expect((await view(carol)).body.resources).toEqual({ metal: CAP, crystal: 9_995, deuterium: 0 });
      at(24 * 365);
      expect((await view(carol)).body.resources).toEqual({ metal: CAP, crystal: CAP, deuterium: 0 });
      expect((await view(dave)).body.resources).toEqual({ metal: CAP, crystal: CAP, deuterium: 0 });
    });
  });
});
