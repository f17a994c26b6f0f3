import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../harness.js';
import { cursorOf, newClientId, patchPlanet, planetRow, queueRows, sql, uniqueName } from '../support/game-sql.js';

type Session = Awaited<ReturnType<TestServer['api']['register']>>;

describe('concurrent commands on one planet (planet row lock)', () => {
  let t: TestServer;
  beforeAll(async () => {
    // Commands of one player race in the database here: as if each came through its own server process (no per-process gate).
    t = await startTestServer({ env: { STARHOLD_COMMAND_RATE_LIMIT: '1000', STARHOLD_COMMANDS_PER_PLAYER: '1000' } });
  });
  afterAll(async () => t?.stop());

  /** 50 upgrade commands from 50 installations of the same player, all in flight at once. */
  const fire = (s: Session, n: number, building = 'metalMine') =>
    Promise.all(
      Array.from({ length: n }, () =>
        t.api.post(
          '/api/v1/commands',
          {
            clientId: newClientId('burst'),
            seq: 1,
            type: 'buildings.upgrade',
            payload: { planetId: s.planetId, building },
          },
          s.token,
        ),
      ),
    );
  const countBy = (bodies: { status: string; error?: { code: string } }[]) => {
    const out: Record<string, number> = {};
    for (const b of bodies) {
      const key = b.status === 'rejected' ? `rejected:${b.error?.code}` : b.status;
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  };

  it('applies exactly as many as the planet can afford (k = 3) and never spends below zero', async () => {
    const a = await t.api.register(uniqueName('burst'));
    // Metal mine levels 1, 2, 3 cost 60/15, 90/22, 135/33: exactly three fit.
    await patchPlanet(t, a.planetId, { metal: 60 + 90 + 135, crystal: 15 + 22 + 33, deuterium: 0, settledAt: t.clock.now() });
    const answers = await fire(a, 50);
    expect(answers.every((r) => r.status === 200 || r.status === 422)).toBe(true);
    expect(countBy(answers.map((r) => r.body))).toEqual({ applied: 3, 'rejected:INSUFFICIENT_RESOURCES': 47 });
    const levels = answers
      .filter((r) => r.body.status === 'applied')
      .map((r) => r.body.result.queueItem.level)
      .sort();
    expect(levels).toEqual([1, 2, 3]);
    const p = await planetRow(t, a.planetId);
    expect([p.metal, p.crystal, p.deuterium]).toEqual([0, 0, 0]);
    expect((await queueRows(t, { planetId: a.planetId }, 'building')).map((q) => q.level)).toEqual([1, 2, 3]);
    const cursors = await sql<{ n: string }>(t, 'select count(*) as n from client_cursor where player_id = ? and last_seq = 1', [a.playerId]);
    expect(Number(cursors[0]?.n)).toBe(50);
  });

  it('applies exactly five when the queue is the limit', async () => {
    const a = await t.api.register(uniqueName('burstq'));
    await patchPlanet(t, a.planetId, { metal: 1_000_000, crystal: 1_000_000, deuterium: 0, settledAt: t.clock.now() });
    const answers = await fire(a, 50, 'crystalMine');
    expect(countBy(answers.map((r) => r.body))).toEqual({ applied: 5, 'rejected:QUEUE_FULL': 45 });
    // Crystal mine levels 1..5: floor(48 · 1.6^(L−1)) / floor(24 · 1.6^(L−1)).
    const spent = { metal: 48 + 76 + 122 + 196 + 314, crystal: 24 + 38 + 61 + 98 + 157 };
    const p = await planetRow(t, a.planetId);
    expect([p.metal, p.crystal]).toEqual([1_000_000 - spent.metal, 1_000_000 - spent.crystal]);
  });

  it('claims a seq of one clientId once when copies of it race (new cursor, then an existing one)', async () => {
    const a = await t.api.register(uniqueName('sameseq'));
    const clientId = newClientId('sameseq');
    const send = (seq: number) =>
      t.api.post(
        '/api/v1/commands',
        {
          clientId,
          seq,
          type: 'buildings.upgrade',
          payload: { planetId: a.planetId, building: 'metalMine' },
        },
        a.token,
      );
    for (const seq of [1, 2]) {
      // seq 1 races to create the cursor row, seq 2 to advance it
      const answers = (await Promise.all(Array.from({ length: 20 }, () => send(seq)))).map((r) => r.body);
      const applied = answers.filter((b) => b.status === 'applied');
      expect(applied).toHaveLength(1);
      for (const b of answers) if (b.status !== 'applied') expect(b).toEqual({ status: 'duplicate', original: 'applied', result: applied[0].result });
      expect(await cursorOf(t, a.playerId, clientId)).toBe(seq);
    }
    expect((await queueRows(t, { planetId: a.planetId }, 'building')).map((q) => q.level)).toEqual([1, 2]);
  });

  it('never applies a seq of one clientId before the one ahead of it when seqs 1..8 race', async () => {
    const a = await t.api.register(uniqueName('seqrace'));
    await patchPlanet(t, a.planetId, { metal: 1_000_000, crystal: 1_000_000, deuterium: 0, settledAt: t.clock.now() });
    const clientId = newClientId('seqrace');
    const seqs = [1, 2, 3, 4, 5, 6, 7, 8];
    const answers = await Promise.all(
      seqs.map((seq) =>
        t.api.post(
          '/api/v1/commands',
          {
            clientId,
            seq,
            type: 'buildings.upgrade',
            payload: { planetId: a.planetId, building: seq % 2 ? 'metalMine' : 'crystalMine' },
          },
          a.token,
        ),
      ),
    );
    const processed = seqs.filter((_, i) => answers[i]!.body.status !== 'gap');
    const cursor = await cursorOf(t, a.playerId, clientId);
    // Processed seqs are exactly 1..cursor (no hole, none twice); every other one was told what comes next.
    expect(processed).toEqual(seqs.slice(0, cursor));
    for (const r of answers) if (r.body.status === 'gap') expect(r.body.expected).toBeLessThanOrEqual(Number(cursor) + 1);
    const logged = await sql<{ seq: string }>(t, 'select seq from command_log where player_id = ? and client_id = ? order by seq', [
      a.playerId,
      clientId,
    ]);
    expect(logged.map((r) => Number(r.seq))).toEqual(processed);
    const applied = answers.filter((r) => r.body.status === 'applied').length;
    expect(await queueRows(t, { planetId: a.planetId }, 'building')).toHaveLength(applied);
  });

  it('refunds a cancelled item once however many cancels race', async () => {
    const a = await t.api.register(uniqueName('burstc'));
    const item = (await t.api.post(`/api/v1/planets/${a.planetId}/buildings/metalMine/upgrade`, undefined, a.token)).body.queueItem;
    const answers = await Promise.all(Array.from({ length: 30 }, () => t.api.delete(`/api/v1/planets/${a.planetId}/queue/${item.id}`, a.token)));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 404)).toHaveLength(29);
    const p = await planetRow(t, a.planetId);
    expect([p.metal, p.crystal]).toEqual([500, 500]);
  });
});
