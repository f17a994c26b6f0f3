import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WHEEL_MULTIPLIER, type WheelOutcome } from '@starhold/common';
import { startTestServer, type TestServer } from '../harness.js';
import type { StreamEvent } from '../../src/modules/stream/stream.js';
import { accrued, currentSeedRow, deriveOutcome, setPlanet, sha256Hex, sql, streamTypes } from './support.js';

const COOLDOWN_MS = 300_000;
const RICH = { metal: 9000, crystal: 9000, deuterium: 9000 };

describe('lucky wheel: spins, cooldown, rejections, replay and fairness', () => {
  let t: TestServer;
  let n = 0;
  beforeAll(async () => {
    // Commands of one player race in the database here: as if each came through its own server process (no per-process gate).
    t = await startTestServer({ env: { STARHOLD_ACCESS_TOKEN_TTL_S: '86400', STARHOLD_COMMANDS_PER_PLAYER: '1000' } });
  });
  afterAll(async () => t?.stop());

  /** A new player whose home planet holds `resources`, settled now (so nothing accrues until the clock moves). */
  async function player(resources = RICH) {
    const a = await t.api.register(`wheeler${++n}`);
    await setPlanet(t, a.planetId, { resources, settledAt: t.clock.now() });
    return a;
  }
  const spin = (token: string, body: unknown, headers?: Record<string, string>) => t.api.post('/api/v1/wheel/spin', body, token, headers);
  const resourcesOf = async (token: string, planetId: number) => (await t.api.get(`/api/v1/planets/${planetId}`, token)).body.resources;
  const spinCount = async (playerId: number) =>
    (await sql<{ n: number }>(t, 'select count(*)::int as n from wheel_spin where player_id = ?', [playerId]))[0]?.n;

  it('GET /api/v1/wheel shows cost, cooldown, odds and a commitment to a hidden seed', async () => {
    const a = await player();
    const r = await t.api.get('/api/v1/wheel', a.token);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      cost: { metal: 1000, crystal: 500, deuterium: 200 },
      cooldownSeconds: 300,
      buffSeconds: 300,
      nextSpinAt: null,
      odds: [
        { outcome: 'x2', multiplier: 2, probability: 0.2 },
        { outcome: 'x1.5', multiplier: 1.5, probability: 0.2 },
        { outcome: 'x1.2', multiplier: 1.2, probability: 0.2 },
        { outcome: 'none', multiplier: 1, probability: 0.4 },
      ],
      activeBuffs: [],
      commitment: expect.stringMatching(/^[0-9a-f]{64}$/),
      nonce: 0,
    });
    const seed = await currentSeedRow(t, a.playerId);
    expect(seed?.serverSeed).toMatch(/^[0-9a-f]{64}$/);
    expect(r.body.commitment).toBe(sha256Hex(seed?.serverSeed ?? ''));
    expect(JSON.stringify(r.body)).not.toContain(seed?.serverSeed);
    expect((await t.api.get('/api/v1/wheel', a.token)).body.commitment).toBe(r.body.commitment);
    expect((await t.api.get('/api/v1/wheel', undefined)).status).toBe(401);
  });

  it('a spin takes exactly the cost from the chosen planet, draws from the committed seed and streams wheel.spun', async () => {
    const a = await player();
    const before = (await t.api.get('/api/v1/wheel', a.token)).body;
    const seen: StreamEvent[] = [];
    const off = t.services.stream.subscribe((evs) => seen.push(...evs));
    const r = await spin(a.token, { planetId: a.planetId, clientSeed: 'first spin' });
    off();
    expect(r.status).toBe(200);
    const now = t.clock.now();
    const seed = await currentSeedRow(t, a.playerId);
    const expected: WheelOutcome = deriveOutcome(seed?.serverSeed ?? '', 'first spin', 0);
    const win = expected !== 'none';
    expect(r.body).toEqual({
      spinId: expect.any(Number),
      planetId: a.planetId,
      outcome: expected,
      multiplier: WHEEL_MULTIPLIER[expected],
      buff: win
        ? {
            planetId: a.planetId,
            multiplier: WHEEL_MULTIPLIER[expected],
            startsAt: now.toISOString(),
            endsAt: new Date(now.getTime() + 300_000).toISOString(),
          }
        : null,
      nonce: 0,
      commitment: before.commitment,
      nextSpinAt: new Date(now.getTime() + COOLDOWN_MS).toISOString(),
      resources: { metal: 8000, crystal: 8500, deuterium: 8800 },
    });
    expect(await resourcesOf(a.token, a.planetId)).toEqual({ metal: 8000, crystal: 8500, deuterium: 8800 });
    const after = (await t.api.get('/api/v1/wheel', a.token)).body;
    expect(after).toMatchObject({ nonce: 1, commitment: before.commitment, nextSpinAt: r.body.nextSpinAt });
    expect(after.activeBuffs).toEqual(win ? [{ ...r.body.buff, spinId: r.body.spinId }] : []);
    expect(await streamTypes(t, a.playerId)).toContain('wheel.spun');
    expect(seen.filter((e) => e.playerId === a.playerId).map((e) => [e.type, e.data])).toEqual([['wheel.spun', r.body]]);
  });

  it('enforces the cooldown to the millisecond, per player, without charging', async () => {
    const a = await player();
    expect((await spin(a.token, { planetId: a.planetId, clientSeed: 'one' })).status).toBe(200);
    const next = new Date(t.clock.now().getTime() + COOLDOWN_MS).toISOString();
    t.clock.advance(COOLDOWN_MS - 1);
    const charged = await resourcesOf(a.token, a.planetId);
    const early = await spin(a.token, { planetId: a.planetId, clientSeed: 'two' });
    expect(early.status).toBe(422);
    expect(early.body.error).toEqual({ code: 'WHEEL_COOLDOWN', message: expect.any(String), details: { nextSpinAt: next } });
    expect(early.headers.get('retry-after')).toBe('1');
    expect(await resourcesOf(a.token, a.planetId)).toEqual(charged);
    expect((await t.api.get('/api/v1/wheel', a.token)).body.nonce).toBe(1);

    t.clock.advance(1);
    const onTime = await spin(a.token, { planetId: a.planetId, clientSeed: 'two' });
    expect(onTime.status).toBe(200);
    expect(onTime.body.nonce).toBe(1);
    expect(await spinCount(a.playerId)).toBe(2);
  });

  it('serializes concurrent spins of one player on two planets: one applies, the other meets the cooldown', async () => {
    const a = await player();
    const rows = await sql<{ id: number }>(
      t,
      `insert into planet (player_id, name, galaxy, system, position, temperature_min, temperature_max,
        fields, metal, crystal, deuterium, settled_at, buildings, units, created_at)
      select player_id, 'Colony', 9, 499, 15, temperature_min, temperature_max, fields, 9000, 9000, 9000, settled_at, buildings, units, created_at
      from planet where id = ? returning id`,
      [a.planetId],
    );
    const colony = Number(rows[0]?.id);
    const [x, y] = await Promise.all([
      spin(a.token, { planetId: a.planetId, clientSeed: 'race' }),
      spin(a.token, { planetId: colony, clientSeed: 'race' }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 422]);
    expect([x, y].find((r) => r.status === 422)?.body.error.code).toBe('WHEEL_COOLDOWN');
    expect(await spinCount(a.playerId)).toBe(1);
    const totals = [await resourcesOf(a.token, a.planetId), await resourcesOf(a.token, colony)].map((r) => r.metal);
    expect(totals.sort()).toEqual([8000, 9000]);
  });

  it("answers NOT_FOUND for another player's planet or a missing one, and charges nothing", async () => {
    const owner = await player();
    const thief = await player();
    const r = await spin(thief.token, { planetId: owner.planetId, clientSeed: 'mine now' });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
    const missing = await spin(thief.token, { planetId: 2_000_000_000, clientSeed: 'nowhere' });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'NOT_FOUND', message: r.body.error.message } });
    expect(await resourcesOf(owner.token, owner.planetId)).toEqual(RICH);
    expect(await spinCount(thief.playerId)).toBe(0);
    expect((await t.api.get('/api/v1/wheel', thief.token)).body).toMatchObject({ nonce: 0, nextSpinAt: null });
  });

  it('rejects bad payloads with 400 VALIDATION_FAILED', async () => {
    const a = await player();
    for (const body of [
      undefined,
      {},
      { planetId: a.planetId },
      { planetId: a.planetId, clientSeed: '' },
      { planetId: a.planetId, clientSeed: 'x'.repeat(129) },
      { planetId: 'one', clientSeed: 'x' },
      { planetId: a.planetId, clientSeed: 'x', extra: 1 },
    ]) {
      const r = await spin(a.token, body);
      expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(await spinCount(a.playerId)).toBe(0);
  });

  it('INSUFFICIENT_RESOURCES through POST /api/v1/commands changes nothing but advances the cursor', async () => {
    const a = await player({ metal: 999, crystal: 500, deuterium: 200 });
    const env = (seq: number) => ({ clientId: 'wheel-client-1', seq, type: 'wheel.spin', payload: { planetId: a.planetId, clientSeed: 'poor' } });
    const r = await t.api.post('/api/v1/commands', env(1), a.token);
    expect(r.status).toBe(422);
    expect(r.body).toEqual({
      status: 'rejected',
      error: {
        code: 'INSUFFICIENT_RESOURCES',
        message: expect.any(String),
        details: {
          cost: { metal: 1000, crystal: 500, deuterium: 200 },
          available: { metal: 999, crystal: 500, deuterium: 200 },
        },
      },
    });
    expect(await resourcesOf(a.token, a.planetId)).toEqual({ metal: 999, crystal: 500, deuterium: 200 });
    expect((await t.api.get('/api/v1/wheel', a.token)).body).toMatchObject({ nonce: 0, nextSpinAt: null });
    expect(await spinCount(a.playerId)).toBe(0);
    expect(await streamTypes(t, a.playerId)).not.toContain('wheel.spun');
    const cursor = await sql<{ last_seq: string }>(t, 'select last_seq from client_cursor where player_id = ? and client_id = ?', [
      a.playerId,
      'wheel-client-1',
    ]);
    expect(Number(cursor[0]?.last_seq)).toBe(1);
    expect((await t.api.post('/api/v1/commands', env(3), a.token)).body).toEqual({ status: 'gap', expected: 2 });

    await setPlanet(t, a.planetId, { resources: { metal: 1000, crystal: 500, deuterium: 200 }, settledAt: t.clock.now() });
    const ok = await t.api.post('/api/v1/commands', env(2), a.token);
    expect(ok.body.status).toBe('applied');
    expect(ok.body.result.resources).toEqual({ metal: 0, crystal: 0, deuterium: 0 });
  });

  it('a replayed spin (same clientId and seq) answers the same outcome and charges once', async () => {
    const a = await player();
    const env = { clientId: 'wheel-replay-1', seq: 1, type: 'wheel.spin', payload: { planetId: a.planetId, clientSeed: 'again and again' } };
    const first = await t.api.post('/api/v1/commands', env, a.token);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('applied');
    t.clock.advance(COOLDOWN_MS); // even once the cooldown is over, a replay is not a new spin
    const again = await t.api.post('/api/v1/commands', env, a.token);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'duplicate', original: 'applied', result: first.body.result });
    expect(await spinCount(a.playerId)).toBe(1);
    expect((await t.api.get('/api/v1/wheel', a.token)).body.nonce).toBe(1);
    expect(first.body.result.resources).toEqual({ metal: 8000, crystal: 8500, deuterium: 8800 });
    // Charged once: what is there now is the one charge plus 300 s of base income (30 metal, 15 crystal an hour;
    // level-0 mines make nothing, so a buff would not change it).
    expect(await resourcesOf(a.token, a.planetId)).toEqual({
      metal: accrued(8000, [[30, COOLDOWN_MS]]),
      crystal: accrued(8500, [[15, COOLDOWN_MS]]),
      deuterium: 8800,
    });
    expect((await streamTypes(t, a.playerId)).filter((x) => x === 'wheel.spun')).toHaveLength(1);
  });

  it('POST /api/v1/wheel/spin with an Idempotency-Key replays the first answer and charges once', async () => {
    const a = await player();
    const h = { 'Idempotency-Key': 'spin-key-1' };
    const first = await spin(a.token, { planetId: a.planetId, clientSeed: 'idem' }, h);
    expect(first.status).toBe(200);
    const again = await spin(a.token, { planetId: a.planetId, clientSeed: 'idem' }, h);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await spinCount(a.playerId)).toBe(1);
    expect(await resourcesOf(a.token, a.planetId)).toEqual({ metal: 8000, crystal: 8500, deuterium: 8800 });
  });

  it('rotate-seed reveals the old seed, and every earlier spin re-derives from it; history shows it only then', async () => {
    const a = await player({ metal: 9000, crystal: 9000, deuterium: 9000 });
    const commitment = (await t.api.get('/api/v1/wheel', a.token)).body.commitment;
    const clientSeeds = ['alpha', 'beta', 'alpha', 'γάμμα ✨'];
    const answers = [];
    for (const clientSeed of clientSeeds) {
      const r = await spin(a.token, { planetId: a.planetId, clientSeed });
      expect(r.status).toBe(200);
      answers.push(r.body);
      t.clock.advance(COOLDOWN_MS);
    }
    expect(answers.map((x) => x.nonce)).toEqual([0, 1, 2, 3]);
    const hidden = (await t.api.get('/api/v1/wheel/history', a.token)).body;
    expect(hidden.spins.map((s: { serverSeed: string | null }) => s.serverSeed)).toEqual([null, null, null, null]);

    const rot = await t.api.post('/api/v1/wheel/rotate-seed', undefined, a.token);
    expect(rot.status).toBe(200);
    expect(rot.body).toEqual({
      revealedSeed: expect.stringMatching(/^[0-9a-f]{64}$/),
      commitment,
      nonce: 4,
      newCommitment: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(sha256Hex(rot.body.revealedSeed)).toBe(commitment);
    expect(rot.body.newCommitment).not.toBe(commitment);
    expect((await t.api.get('/api/v1/wheel', a.token)).body).toMatchObject({ commitment: rot.body.newCommitment, nonce: 0 });
    expect(await streamTypes(t, a.playerId)).toContain('wheel.seedRotated');

    const history = (await t.api.get('/api/v1/wheel/history', a.token)).body;
    expect(history.spins).toHaveLength(4);
    for (const entry of history.spins) {
      expect(entry.serverSeed).toBe(rot.body.revealedSeed);
      expect(entry.commitment).toBe(commitment);
      const outcome = deriveOutcome(entry.serverSeed, entry.clientSeed, entry.nonce);
      expect([entry.outcome, entry.multiplier]).toEqual([outcome, WHEEL_MULTIPLIER[outcome]]);
    }
    expect(history.spins.map((e: { nonce: number; clientSeed: string }) => [e.nonce, e.clientSeed]).reverse()).toEqual(
      clientSeeds.map((c, i) => [i, c]),
    );
    expect(answers.map((x) => x.outcome)).toEqual(history.spins.map((e: { outcome: string }) => e.outcome).reverse());

    const fresh = await spin(a.token, { planetId: a.planetId, clientSeed: 'alpha' });
    expect(fresh.body).toMatchObject({ nonce: 0, commitment: rot.body.newCommitment });
    const latest = (await t.api.get('/api/v1/wheel/history?limit=1', a.token)).body;
    expect(latest.spins[0]).toMatchObject({ id: fresh.body.spinId, serverSeed: null, seedRevealedAt: null, commitment: rot.body.newCommitment });
  });

  it('history lists every field needed to re-derive a spin, newest first, in pages', async () => {
    const a = await player();
    const made = [];
    for (let i = 0; i < 3; i++) {
      made.push((await spin(a.token, { planetId: a.planetId, clientSeed: `page-${i}` })).body);
      t.clock.advance(COOLDOWN_MS);
    }
    const page1 = await t.api.get('/api/v1/wheel/history?limit=2', a.token);
    expect(page1.status).toBe(200);
    expect(page1.body.spins.map((s: { id: number }) => s.id)).toEqual([made[2].spinId, made[1].spinId]);
    expect(page1.body.nextBefore).toBe(made[1].spinId);
    const last = made[2];
    expect(page1.body.spins[0]).toEqual({
      id: last.spinId,
      spunAt: new Date(Date.parse(last.nextSpinAt) - COOLDOWN_MS).toISOString(),
      planetId: a.planetId,
      cost: { metal: 1000, crystal: 500, deuterium: 200 },
      clientSeed: 'page-2',
      nonce: 2,
      outcome: last.outcome,
      multiplier: last.multiplier,
      buff: last.buff ? { ...last.buff, replacedAt: null } : null,
      commitment: last.commitment,
      serverSeed: null,
      seedRevealedAt: null,
    });
    const page2 = (await t.api.get(`/api/v1/wheel/history?limit=2&before=${page1.body.nextBefore}`, a.token)).body;
    expect(page2).toEqual({ spins: [expect.objectContaining({ id: made[0].spinId, nonce: 0 })], nextBefore: null });
    for (const q of ['limit=0', 'limit=201', 'before=x', 'other=1']) {
      expect((await t.api.get(`/api/v1/wheel/history?${q}`, a.token)).status).toBe(400);
    }
    const other = await player();
    expect((await t.api.get('/api/v1/wheel/history', other.token)).body).toEqual({ spins: [], nextBefore: null });
  });
});
