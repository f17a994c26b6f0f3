import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../harness.js';
import { cursorOf, newClientId, planetRow, queueRows, sql, uniqueName } from '../support/game-sql.js';

type Session = Awaited<ReturnType<TestServer['api']['register']>>;

describe('command pipeline (POST /api/v1/commands)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => t?.stop());

  const send = (s: Session, body: unknown) => t.api.post('/api/v1/commands', body, s.token);
  const upgrade = (s: Session, clientId: string, seq: number, building = 'metalMine') =>
    send(s, {
      clientId,
      seq,
      type: 'buildings.upgrade',
      payload: { planetId: s.planetId, building },
    });
  const commandLogCount = async (playerId: number, clientId: string) =>
    Number((await sql<{ n: string }>(t, 'select count(*) as n from command_log where player_id = ? and client_id = ?', [playerId, clientId]))[0]?.n);

  it('applies a command and answers with its result', async () => {
    const a = await t.api.register(uniqueName('applied'));
    const clientId = newClientId();
    const r = await upgrade(a, clientId, 1);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('applied');
    expect(r.body.result.resources).toEqual({ metal: 440, crystal: 485, deuterium: 0 });
    expect(r.body.result.queueItem).toMatchObject({ target: 'metalMine', level: 1, cost: { metal: 60, crystal: 15, deuterium: 0 } });
    expect(await cursorOf(t, a.playerId, clientId)).toBe(1);
  });

  it('answers a repeated (clientId, seq) with the stored result and applies it only once', async () => {
    const a = await t.api.register(uniqueName('dup'));
    const clientId = newClientId();
    const first = await upgrade(a, clientId, 1);
    const second = await upgrade(a, clientId, 1);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ status: 'duplicate', original: 'applied', result: first.body.result });
    const p = await planetRow(t, a.planetId);
    expect([p.metal, p.crystal, p.deuterium]).toEqual([440, 485, 0]); // charged once
    expect(await queueRows(t, { planetId: a.planetId }, 'building')).toHaveLength(1);
    expect(await commandLogCount(a.playerId, clientId)).toBe(1);
    expect(await cursorOf(t, a.playerId, clientId)).toBe(1);
  });

  it('answers a skipped seq with gap and the expected seq, leaving the cursor alone', async () => {
    const a = await t.api.register(uniqueName('gap'));
    const clientId = newClientId();
    const gapBeforeAny = await upgrade(a, clientId, 2);
    expect(gapBeforeAny.status).toBe(409);
    expect(gapBeforeAny.body).toEqual({ status: 'gap', expected: 1 });
    expect((await upgrade(a, clientId, 1)).body.status).toBe('applied');
    const gap = await upgrade(a, clientId, 5);
    expect(gap.body).toEqual({ status: 'gap', expected: 2 });
    expect(await cursorOf(t, a.playerId, clientId)).toBe(1);
    expect(await queueRows(t, { planetId: a.planetId }, 'building')).toHaveLength(1);
    expect((await upgrade(a, clientId, 2)).body.status).toBe('applied');
  });

  it('advances the cursor on a rule rejection; re-sending it replays the same rejection', async () => {
    const a = await t.api.register(uniqueName('reject'));
    const clientId = newClientId();
    const rejected = await upgrade(a, clientId, 1, 'deathStar');
    expect(rejected.status).toBe(422);
    expect(rejected.body.status).toBe('rejected');
    expect(rejected.body.error.code).toBe('UNKNOWN_BUILDING');
    expect(await cursorOf(t, a.playerId, clientId)).toBe(1);

    const next = await upgrade(a, clientId, 2);
    expect(next.body.status).toBe('applied');
    const again = await upgrade(a, clientId, 1, 'deathStar');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'duplicate', original: 'rejected', error: rejected.body.error });
    const p = await planetRow(t, a.planetId);
    expect([p.metal, p.crystal]).toEqual([440, 485]);
  });

  it('rejects an unknown command type and a bad payload as final answers', async () => {
    const a = await t.api.register(uniqueName('unknown'));
    const clientId = newClientId();
    const unknown = await send(a, { clientId, seq: 1, type: 'fleet.teleport', payload: {} });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ status: 'rejected', error: { code: 'UNKNOWN_COMMAND' } });
    const bad = await send(a, { clientId, seq: 2, type: 'buildings.upgrade', payload: { planetId: 'home', building: 'metalMine' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION_FAILED' } });
    const extra = await send(a, {
      clientId,
      seq: 3,
      type: 'buildings.upgrade',
      payload: { planetId: a.planetId, building: 'metalMine', free: true },
    });
    expect(extra.body).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION_FAILED' } });
    expect(await cursorOf(t, a.playerId, clientId)).toBe(3);
    expect(await queueRows(t, { planetId: a.planetId }, 'building')).toHaveLength(0);
    expect((await planetRow(t, a.planetId)).metal).toBe(500);
  });

  it('answers a malformed envelope with 400 VALIDATION_FAILED and touches no cursor', async () => {
    const a = await t.api.register(uniqueName('malformed'));
    const clientId = newClientId();
    expect((await upgrade(a, clientId, 1)).body.status).toBe('applied');
    const bodies: unknown[] = [
      { seq: 2, type: 'buildings.upgrade', payload: {} }, // no clientId
      { clientId: 'short', seq: 2, type: 'buildings.upgrade', payload: {} },
      { clientId, seq: 0, type: 'buildings.upgrade', payload: {} },
      { clientId, seq: 2.5, type: 'buildings.upgrade', payload: {} },
      { clientId, seq: '2', type: 'buildings.upgrade', payload: {} },
      { clientId, seq: 2, payload: {} }, // no type
      [1, 2, 3],
    ];
    for (const body of bodies) {
      const r = await send(a, body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await cursorOf(t, a.playerId, clientId)).toBe(1);
    expect(await cursorOf(t, a.playerId, 'short')).toBeUndefined();
    expect((await upgrade(a, clientId, 2)).body.status).toBe('applied');
  });

  it('keeps cursors per player: two players may use the same clientId', async () => {
    const a = await t.api.register(uniqueName('sharedA'));
    const b = await t.api.register(uniqueName('sharedB'));
    const clientId = newClientId('shared');
    const ra = await upgrade(a, clientId, 1);
    const rb = await upgrade(b, clientId, 1);
    expect(ra.body.status).toBe('applied');
    expect(rb.body.status).toBe('applied');
    expect(rb.body.result.queueItem.id).not.toBe(ra.body.result.queueItem.id);
    expect((await planetRow(t, a.planetId)).metal).toBe(440);
    expect((await planetRow(t, b.planetId)).metal).toBe(440);
    expect((await upgrade(b, clientId, 3)).body).toEqual({ status: 'gap', expected: 2 });
    expect(await cursorOf(t, a.playerId, clientId)).toBe(1);
  });

  it('requires authentication', async () => {
    const r = await t.api.post('/api/v1/commands', { clientId: newClientId(), seq: 1, type: 'buildings.upgrade', payload: {} });
    expect(r.status).toBe(401);
  });
});
