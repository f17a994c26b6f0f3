import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runTick } from '../../src/game/tick.js';
import { startTestServer, type TestServer } from '../harness.js';
import { addPlanet, newClientId, patchPlanet, planetRow, queueRows, uniqueName } from '../support/game-sql.js';
import { researchSeconds } from './expected.js';

type Session = Awaited<ReturnType<TestServer['api']['register']>>;
const S = 1000;
// Research costs by hand (base · 2^(L−1)): energy 0/800/400, computer 0/400/600.
const ENERGY_1 = { metal: 0, crystal: 800, deuterium: 400 };
const ENERGY_2 = { metal: 0, crystal: 1600, deuterium: 800 };
const COMPUTER_1 = { metal: 0, crystal: 400, deuterium: 600 };

describe('research queue', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_ACCESS_TOKEN_TTL_S: '86400000' } });
  });
  afterAll(async () => t?.stop());

  const start = (s: Session, research: string, planetId = s.planetId) =>
    t.api.post(`/api/v1/planets/${planetId}/research/${research}/start`, undefined, s.token);
  const amounts = async (planetId: number) => {
    const p = await planetRow(t, planetId);
    return { metal: p.metal, crystal: p.crystal, deuterium: p.deuterium };
  };
  const researcher = async (prefix: string, lab: number) => {
    const s = await t.api.register(uniqueName(prefix));
    await patchPlanet(t, s.planetId, {
      metal: 10_000,
      crystal: 10_000,
      deuterium: 10_000,
      buildings: { researchLab: lab },
      settledAt: t.clock.now(),
    });
    return s;
  };

  it('lists levels, queue and next costs with GET /api/v1/research', async () => {
    const a = await t.api.register(uniqueName('list'));
    const r = await t.api.get('/api/v1/research', a.token);
    expect(r.status).toBe(200);
    expect(Object.values(r.body.levels).every((l) => l === 0)).toBe(true);
    expect(r.body.levels.energy).toBe(0);
    expect(r.body.queue).toEqual([]);
    const energy = r.body.catalogue.find((c: { id: string }) => c.id === 'energy');
    expect(energy).toEqual({
      id: 'energy',
      level: 0,
      nextCost: ENERGY_1,
      nextTimeSeconds: researchSeconds({ metal: 0, crystal: 800, lab: 0 }),
      missing: ['researchLab 1'],
    });
    expect(energy.nextTimeSeconds).toBe(2880);
    expect((await t.api.get('/api/v1/research')).status).toBe(401);
  });

  it('needs a research lab (REQUIREMENTS_NOT_MET) and charges nothing without one', async () => {
    const a = await researcher('nolab', 0);
    const r = await start(a, 'energy');
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('REQUIREMENTS_NOT_MET');
    expect(r.body.error.details).toEqual({ missing: ['researchLab 1'] });
    expect(await amounts(a.planetId)).toEqual({ metal: 10_000, crystal: 10_000, deuterium: 10_000 });
    expect(await queueRows(t, { playerId: a.playerId }, 'research')).toHaveLength(0);
  });

  it('answers UNKNOWN_RESEARCH and INSUFFICIENT_RESOURCES', async () => {
    const a = await researcher('badres', 1);
    expect((await start(a, 'timeTravel')).body.error.code).toBe('UNKNOWN_RESEARCH');
    await patchPlanet(t, a.planetId, { deuterium: 399 });
    const poor = await start(a, 'energy');
    expect(poor.status).toBe(422);
    expect(poor.body.error.code).toBe('INSUFFICIENT_RESOURCES');
    expect(await amounts(a.planetId)).toEqual({ metal: 10_000, crystal: 10_000, deuterium: 399 });
  });

  it('starts through the command pipeline, with the time of the paying planet lab', async () => {
    const a = await researcher('labtime', 3);
    const now = t.clock.now();
    const r = await t.api.post(
      '/api/v1/commands',
      {
        clientId: newClientId(),
        seq: 1,
        type: 'research.start',
        payload: { planetId: a.planetId, research: 'energy' },
      },
      a.token,
    );
    expect(r.body.status).toBe('applied');
    const s = researchSeconds({ metal: 0, crystal: 800, lab: 3 });
    expect(s).toBe(720);
    expect(r.body.result.queueItem).toMatchObject({
      kind: 'research',
      target: 'energy',
      level: 1,
      cost: ENERGY_1,
      startsAt: now.toISOString(),
      endsAt: new Date(now.getTime() + s * S).toISOString(),
    });
    expect(await amounts(a.planetId)).toEqual({ metal: 10_000, crystal: 10_000 - 800, deuterium: 10_000 - 400 });
    const list = await t.api.get('/api/v1/research', a.token);
    expect(list.body.queue).toEqual([r.body.result.queueItem]);
  });

  it('runs one research at a time per player; the next starts when the previous ends', async () => {
    const a = await researcher('oneatatime', 1);
    const colony = await addPlanet(t, a.playerId, {
      galaxy: 9,
      system: 499,
      position: 15,
      metal: 5000,
      crystal: 5000,
      deuterium: 5000,
      buildings: { researchLab: 1 },
      at: t.clock.now(),
    });
    const t0 = t.clock.now().getTime();
    const energy = (await start(a, 'energy')).body.queueItem;
    const computer = (await start(a, 'computer', colony)).body.queueItem; // paid by the colony
    const energy2 = (await start(a, 'energy')).body.queueItem;
    expect(energy.startsAt).toBe(new Date(t0).toISOString());
    expect(computer.startsAt).toBeNull();
    expect(energy2).toMatchObject({ level: 2, cost: ENERGY_2, startsAt: null });
    expect(computer.cost).toEqual(COMPUTER_1);
    expect(await amounts(colony)).toEqual({ metal: 5000, crystal: 5000 - COMPUTER_1.crystal, deuterium: 5000 - COMPUTER_1.deuterium });

    const s1 = researchSeconds({ metal: 0, crystal: 800, lab: 1 });
    const s2 = researchSeconds({ metal: 0, crystal: 400, lab: 1 });
    expect([s1, s2]).toEqual([1440, 720]);
    t.clock.set(t0 + s1 * S);
    await runTick(t.services);
    expect((await t.api.get('/api/v1/research', a.token)).body.levels.energy).toBe(1);
    const queue = await queueRows(t, { playerId: a.playerId }, 'research');
    expect(queue.map((q) => [q.target, q.level])).toEqual([
      ['computer', 1],
      ['energy', 2],
    ]);
    expect(queue[0]).toMatchObject({ startsAt: new Date(t0 + s1 * S), endsAt: new Date(t0 + (s1 + s2) * S) });
    expect(queue[1]?.startsAt).toBeNull();

    // Cancelling the running computer research refunds the colony and starts energy 2 now.
    t.clock.advance(10 * S);
    const cancelled = await t.api.delete(`/api/v1/research/queue/${computer.id}`, a.token);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancelled).toEqual([computer.id]);
    // 1450 s of base income (30/15 per hour) on top of the full refund: +12.08 metal, +6.04 crystal.
    expect(await amounts(colony)).toEqual({ metal: 5000 + 12, crystal: 5000 + 6, deuterium: 5000 });
    const [next] = await queueRows(t, { playerId: a.playerId }, 'research');
    expect(next).toMatchObject({ id: energy2.id, startsAt: t.clock.now() });
  });

  it('cancels an item with its later levels, refunding in full; another player gets NOT_FOUND', async () => {
    const a = await researcher('rcancel', 1);
    const b = await researcher('rother', 1);
    const first = (await start(a, 'energy')).body.queueItem;
    const second = (await start(a, 'energy')).body.queueItem;
    const foreign = await t.api.delete(`/api/v1/research/queue/${first.id}`, b.token);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    expect(await queueRows(t, { playerId: a.playerId }, 'research')).toHaveLength(2);

    const r = await t.api.delete(`/api/v1/research/queue/${first.id}`, a.token);
    expect(r.body).toEqual({ cancelled: [first.id, second.id], resources: { metal: 10_000, crystal: 10_000, deuterium: 10_000 } });
    expect(await amounts(a.planetId)).toEqual({ metal: 10_000, crystal: 10_000, deuterium: 10_000 });
    expect(await queueRows(t, { playerId: a.playerId }, 'research')).toHaveLength(0);
    t.clock.advance(10 * 24 * 3600 * S);
    await runTick(t.services);
    expect((await t.api.get('/api/v1/research', a.token)).body.levels.energy).toBe(0);
  });
});
