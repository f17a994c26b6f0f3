import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runTick } from '../../src/game/tick.js';
import { startTestServer, type TestServer } from '../harness.js';
import { patchPlanet, patchResearch, planetRow, queueRows, scheduledFor, uniqueName } from '../support/game-sql.js';
import { buildSeconds, cost } from './expected.js';

type Session = Awaited<ReturnType<TestServer['api']['register']>>;
const S = 1000;

describe('building queue', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { STARHOLD_ACCESS_TOKEN_TTL_S: '86400000' } });
  });
  afterAll(async () => t?.stop());

  const upgrade = (s: Session, building: string, planetId = s.planetId) =>
    t.api.post(`/api/v1/planets/${planetId}/buildings/${building}/upgrade`, undefined, s.token);
  const cancel = (s: Session, itemId: number, planetId = s.planetId) => t.api.delete(`/api/v1/planets/${planetId}/queue/${itemId}`, s.token);
  const amounts = async (planetId: number) => {
    const p = await planetRow(t, planetId);
    return { metal: p.metal, crystal: p.crystal, deuterium: p.deuterium };
  };
  /** A player whose planet holds exactly `r`, settled now. */
  const playerWith = async (prefix: string, r: { metal: number; crystal: number; deuterium: number }, buildings: Record<string, number> = {}) => {
    const s = await t.api.register(uniqueName(prefix));
    await patchPlanet(t, s.planetId, { ...r, buildings, settledAt: t.clock.now() });
    return s;
  };

  it('takes the cost at once, from the resources settled at that instant', async () => {
    const a = await t.api.register(uniqueName('cost'));
    t.clock.advance(62 * 60 * S); // base income 30/15 per hour: +31 metal, +15.5 crystal
    const now = t.clock.now();
    const r = await upgrade(a, 'metalMine');
    expect(r.status).toBe(202);
    expect(r.body.resources).toEqual({ metal: 531 - 60, crystal: 515 - 15, deuterium: 0 });
    expect(await amounts(a.planetId)).toEqual({ metal: 471, crystal: 500, deuterium: 0 });
    const seconds = buildSeconds({ ...cost('metalMine', 1), level: 1 });
    expect(seconds).toBe(30);
    expect(r.body.queueItem).toEqual({
      id: expect.any(Number),
      kind: 'building',
      target: 'metalMine',
      level: 1,
      cost: cost('metalMine', 1),
      queuedAt: now.toISOString(),
      startsAt: now.toISOString(),
      endsAt: new Date(now.getTime() + seconds * S).toISOString(),
    });
    const events = await scheduledFor(t, a.planetId);
    expect(events).toEqual([
      { kind: 'building.complete', dueAt: new Date(now.getTime() + seconds * S), payload: { queueItemId: r.body.queueItem.id } },
    ]);
    // The half crystal is kept: another half hour later it becomes a whole unit.
    t.clock.advance(2 * 60 * S);
    const view = await t.api.get(`/api/v1/planets/${a.planetId}`, a.token);
    expect(view.body.resources).toEqual({ metal: 472, crystal: 501, deuterium: 0 });
  });

  it('holds five items; the sixth is QUEUE_FULL and charges nothing', async () => {
    const a = await playerWith('full', { metal: 100_000, crystal: 100_000, deuterium: 0 });
    for (let level = 1; level <= 5; level++) {
      const r = await upgrade(a, 'metalMine');
      expect(r.status).toBe(202);
      expect(r.body.queueItem).toMatchObject({ level, cost: cost('metalMine', level) });
      expect(r.body.queueItem.startsAt === null).toBe(level > 1);
    }
    const spent = { metal: 60 + 90 + 135 + 202 + 303, crystal: 15 + 22 + 33 + 50 + 75 };
    const sixth = await upgrade(a, 'crystalMine');
    expect(sixth.status).toBe(422);
    expect(sixth.body.error.code).toBe('QUEUE_FULL');
    expect(await amounts(a.planetId)).toEqual({ metal: 100_000 - spent.metal, crystal: 100_000 - spent.crystal, deuterium: 0 });
    expect(await queueRows(t, { planetId: a.planetId }, 'building')).toHaveLength(5);
    expect(await scheduledFor(t, a.planetId)).toHaveLength(1);
  });

  it('answers INSUFFICIENT_RESOURCES and changes nothing; an exact amount is enough', async () => {
    const a = await playerWith('poor', { metal: 60, crystal: 15, deuterium: 0 });
    const robo = await upgrade(a, 'roboticsFactory');
    expect(robo.status).toBe(422);
    expect(robo.body.error.code).toBe('INSUFFICIENT_RESOURCES');
    expect(await amounts(a.planetId)).toEqual({ metal: 60, crystal: 15, deuterium: 0 });
    expect(await queueRows(t, { planetId: a.planetId }, 'building')).toHaveLength(0);
    const mine = await upgrade(a, 'metalMine');
    expect(mine.status).toBe(202);
    expect(await amounts(a.planetId)).toEqual({ metal: 0, crystal: 0, deuterium: 0 });
    const again = await upgrade(a, 'solarPlant');
    expect(again.body.error.code).toBe('INSUFFICIENT_RESOURCES');
  });

  it('answers UNKNOWN_BUILDING for a name outside the rules', async () => {
    const a = await t.api.register(uniqueName('unknownb'));
    for (const name of ['deathStar', 'constructor', '__proto__', 'MetalMine']) {
      const r = await upgrade(a, name);
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('UNKNOWN_BUILDING');
    }
    expect(await amounts(a.planetId)).toEqual({ metal: 500, crystal: 500, deuterium: 0 });
  });

  it("treats another player's planet and queue item exactly like missing ones", async () => {
    const a = await t.api.register(uniqueName('ownerA'));
    const b = await t.api.register(uniqueName('otherB'));
    const item = (await upgrade(a, 'metalMine')).body.queueItem;
    const before = await planetRow(t, a.planetId);

    const foreign = await upgrade(b, 'metalMine', a.planetId);
    const missing = await upgrade(b, 'metalMine', 2_147_483_647);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect(foreign.body.error.code).toBe('NOT_FOUND');

    expect((await cancel(b, item.id, a.planetId)).status).toBe(404);
    const viaOwnPlanet = await cancel(b, item.id, b.planetId);
    expect(viaOwnPlanet.status).toBe(404);
    expect(viaOwnPlanet.body.error.code).toBe('NOT_FOUND');
    const byCommand = await t.api.post(
      '/api/v1/commands',
      {
        clientId: 'otherB-client',
        seq: 1,
        type: 'buildings.cancel',
        payload: { planetId: a.planetId, queueItemId: item.id },
      },
      b.token,
    );
    expect(byCommand.body).toMatchObject({ status: 'rejected', error: { code: 'NOT_FOUND' } });

    expect(await planetRow(t, a.planetId)).toEqual(before);
    expect((await queueRows(t, { planetId: a.planetId }, 'building')).map((q) => q.id)).toEqual([item.id]);
    expect(await amounts(b.planetId)).toEqual({ metal: 500, crystal: 500, deuterium: 0 });
    expect(await queueRows(t, { planetId: b.planetId }, 'building')).toHaveLength(0);
  });

  it('refunds a cancelled item in full, with the later levels of the same building', async () => {
    const start = { metal: 10_000, crystal: 10_000, deuterium: 0 };
    const a = await playerWith('cancel', start);
    const mine1 = (await upgrade(a, 'metalMine')).body.queueItem;
    const solar = (await upgrade(a, 'solarPlant')).body.queueItem;
    const mine2 = (await upgrade(a, 'metalMine')).body.queueItem;
    const crystal = (await upgrade(a, 'crystalMine')).body.queueItem;
    expect(mine2.level).toBe(2);
    t.clock.advance(10 * S); // 10 s of base income is less than one unit
    const now = t.clock.now();

    const r = await cancel(a, mine1.id);
    expect(r.status).toBe(200);
    expect(r.body.cancelled).toEqual([mine1.id, mine2.id]);
    const afterFirst = {
      metal: start.metal - 75 - 48, // solar and crystal mine stay paid
      crystal: start.crystal - 30 - 24,
      deuterium: 0,
    };
    expect(r.body.resources).toEqual(afterFirst);
    expect(await amounts(a.planetId)).toEqual(afterFirst);

    // The solar plant moves up and starts now; the crystal mine still waits.
    const queue = await queueRows(t, { planetId: a.planetId }, 'building');
    const solarSeconds = buildSeconds({ ...cost('solarPlant', 1), level: 1 });
    expect(queue).toEqual([
      { id: solar.id, target: 'solarPlant', level: 1, startsAt: now, endsAt: new Date(now.getTime() + solarSeconds * S) },
      { id: crystal.id, target: 'crystalMine', level: 1, startsAt: null, endsAt: null },
    ]);
    expect(await scheduledFor(t, a.planetId)).toEqual([
      { kind: 'building.complete', dueAt: new Date(now.getTime() + solarSeconds * S), payload: { queueItemId: solar.id } },
    ]);

    expect((await cancel(a, crystal.id)).body.cancelled).toEqual([crystal.id]);
    expect((await cancel(a, solar.id)).body.cancelled).toEqual([solar.id]);
    expect(await amounts(a.planetId)).toEqual(start);
    expect(await queueRows(t, { planetId: a.planetId }, 'building')).toHaveLength(0);
    expect(await scheduledFor(t, a.planetId)).toHaveLength(0);
    expect((await cancel(a, solar.id)).status).toBe(404);
    // Nothing completes later: the cancelled events are gone.
    t.clock.advance(3600 * S);
    await runTick(t.services);
    expect((await planetRow(t, a.planetId)).buildings).toMatchObject({ metalMine: 0, solarPlant: 0, crystalMine: 0 });
  });

  it('starts the next item exactly when the previous one ends', async () => {
    const a = await playerWith('chain', { metal: 10_000, crystal: 10_000, deuterium: 0 });
    const t0 = t.clock.now().getTime();
    const first = (await upgrade(a, 'metalMine')).body.queueItem;
    const second = (await upgrade(a, 'metalMine')).body.queueItem;
    const s1 = buildSeconds({ ...cost('metalMine', 1), level: 1 });
    const s2 = buildSeconds({ ...cost('metalMine', 2), level: 2 });
    expect([s1, s2]).toEqual([30, 53]);
    expect(first.endsAt).toBe(new Date(t0 + s1 * S).toISOString());
    expect(second.startsAt).toBeNull();

    t.clock.advance(s1 * S - 1);
    await runTick(t.services);
    expect((await planetRow(t, a.planetId)).buildings.metalMine).toBe(0);
    t.clock.advance(1);
    await runTick(t.services);
    expect((await planetRow(t, a.planetId)).buildings.metalMine).toBe(1);
    expect(await queueRows(t, { planetId: a.planetId }, 'building')).toEqual([
      { id: second.id, target: 'metalMine', level: 2, startsAt: new Date(t0 + s1 * S), endsAt: new Date(t0 + (s1 + s2) * S) },
    ]);

    t.clock.advance(s2 * S);
    await runTick(t.services);
    expect((await planetRow(t, a.planetId)).buildings.metalMine).toBe(2);
    expect(await queueRows(t, { planetId: a.planetId }, 'building')).toHaveLength(0);
  });

  it('starts an item queued after the previous one ended (tick not yet run) when it was queued, not before', async () => {
    const a = await playerWith('lagq', { metal: 10_000, crystal: 10_000, deuterium: 0 });
    const first = (await upgrade(a, 'metalMine')).body.queueItem;
    t.clock.set(new Date(first.endsAt).getTime() + 10 * S);
    const queuedAt = t.clock.now();
    const solar = (await upgrade(a, 'solarPlant')).body.queueItem;
    expect(solar.startsAt).toBeNull();
    await runTick(t.services);
    expect((await planetRow(t, a.planetId)).buildings.metalMine).toBe(1);
    const solarSeconds = buildSeconds({ ...cost('solarPlant', 1), level: 1 });
    expect(await queueRows(t, { planetId: a.planetId }, 'building')).toEqual([
      { id: solar.id, target: 'solarPlant', level: 1, startsAt: queuedAt, endsAt: new Date(queuedAt.getTime() + solarSeconds * S) },
    ]);
  });

  it('uses the robotics factory, the nanite factory and the level as rules.md says', async () => {
    const a = await playerWith(
      'times',
      { metal: 2_000_000, crystal: 1_000_000, deuterium: 200_000 },
      { crystalMine: 9, roboticsFactory: 2, naniteFactory: 1 },
    );
    const crystal = (await upgrade(a, 'crystalMine')).body.queueItem;
    expect(crystal.cost).toEqual(cost('crystalMine', 10));
    const s = buildSeconds({ ...cost('crystalMine', 10), level: 10, robotics: 2, nanite: 1 });
    expect(s).toBe(1187);
    expect(new Date(crystal.endsAt).getTime() - new Date(crystal.startsAt).getTime()).toBe(s * S);

    const b = await playerWith('nanite', { metal: 2_000_000, crystal: 1_000_000, deuterium: 200_000 }, { roboticsFactory: 10 });
    const blocked = await upgrade(b, 'naniteFactory');
    expect(blocked.body.error.code).toBe('REQUIREMENTS_NOT_MET');
    await patchResearch(t, b.playerId, { computer: 10 });
    const nanite = (await upgrade(b, 'naniteFactory')).body.queueItem;
    expect(nanite.cost).toEqual(cost('naniteFactory', 1));
    const ns = buildSeconds({ ...cost('naniteFactory', 1), level: 1, robotics: 10, isNanite: true });
    expect(ns).toBe(196_363);
    expect(new Date(nanite.endsAt).getTime() - new Date(nanite.startsAt).getTime()).toBe(ns * S);
  });

  it('changes production exactly at the finish instant, even when the tick runs an hour late', async () => {
    // metal mine 4 → 5 with solar plant 5 (161 energy ≥ 81 used): factor 100 % before and after.
    // metal per hour: 30 + floor(30·4·1.1^4 = 175.692) = 205 before, 30 + floor(30·5·1.1^5 = 241.5765) = 271 after.
    const a = await playerWith('finish', { metal: 1000, crystal: 1000, deuterium: 0 }, { metalMine: 4, solarPlant: 5 });
    const before = await t.api.get(`/api/v1/planets/${a.planetId}`, a.token);
    expect(before.body.production.perHour).toEqual({ metal: 205, crystal: 15, deuterium: 0 });
    const item = (await upgrade(a, 'metalMine')).body.queueItem;
    expect(item.cost).toEqual(cost('metalMine', 5));
    const s = buildSeconds({ ...cost('metalMine', 5), level: 5 });
    expect(s).toBe(362);
    const finish = new Date(item.endsAt).getTime();
    expect(finish - t.clock.now().getTime()).toBe(s * S);

    t.clock.set(finish - S);
    // 361 s at 205/h = 20.557 → 697 + 20; crystal 361 s at 15/h = 1.504 → 925 + 1
    expect((await t.api.get(`/api/v1/planets/${a.planetId}`, a.token)).body.resources).toEqual({ metal: 717, crystal: 926, deuterium: 0 });

    t.clock.set(finish + 3600 * S);
    await runTick(t.services);
    const row = await planetRow(t, a.planetId);
    expect(row.settledAt).toEqual(new Date(finish)); // settled at the due instant, not at "now"
    expect([row.metal, row.crystal]).toEqual([717, 925 + 1]); // 362 s at 205/h = 20.61; 362 s at 15/h = 1.508
    const after = await t.api.get(`/api/v1/planets/${a.planetId}`, a.token);
    expect(after.body.buildings.metalMine).toBe(5);
    expect(after.body.production.perHour).toEqual({ metal: 271, crystal: 15, deuterium: 0 });
    // 20.614 + 271 (one hour at the new rate) = 291.614 → 697 + 291; crystal 3962 s at 15/h = 16.508
    expect(after.body.resources).toEqual({ metal: 988, crystal: 941, deuterium: 0 });
  });
});
