import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RESOURCES, type Resources } from '@starhold/common';
import { startTestServer, type TestServer } from '../harness.js';
import { runTick } from '../../src/game/tick.js';
import { clientSeedFor, planetBuff, setPlanet, sql, streamTypes, wheelEvents } from './support.js';

const HOUR = 3_600_000;
const COOLDOWN_MS = 600_000;
const START: Resources = { metal: 5000, crystal: 5000, deuterium: 5000 };
const COST: Resources = { metal: 1000, crystal: 500, deuterium: 200 };
/** Mines at level 1, solar plant 3 (79 energy for 44 used: factor 100 %), Tmax 20 °C (deuterium factor 1.44). */
const BUILDINGS = { metalMine: 1, crystalMine: 1, deuteriumSynthesizer: 1, solarPlant: 3 };

// Hourly rates worked out by hand from rules.md. Base income (30 metal, 15 crystal) is never buffed.
// metal mine 30·1·1.1 = 33, crystal mine 20·1·1.1 = 22, synthesizer 10·1·1.1·1.44 = 15.84; each × buff, floored.
const RATES = {
  none: { metal: 30 + 33, crystal: 15 + 22, deuterium: 15 },
  x2: { metal: 30 + 66, crystal: 15 + 44, deuterium: 31 }, // 31.68
  'x1.5': { metal: 30 + 49, crystal: 15 + 33, deuterium: 23 }, // 49.5, 23.76
  'x1.2': { metal: 30 + 39, crystal: 15 + 26, deuterium: 19 }, // 39.6, 26.4, 19.008
} satisfies Record<string, Resources>;

interface Phase {
  from: number;
  rates: Resources;
}

/** Exact amounts at `at` of a planet settled with START at phases[0].from, after paying `spins` spins. */
function amountsAt(phases: Phase[], at: number, spins: number): Resources {
  const out = { ...START };
  for (const r of RESOURCES) {
    let numerator = 0n;
    phases.forEach((ph, i) => {
      const end = Math.min(at, phases[i + 1]?.from ?? Number.POSITIVE_INFINITY);
      if (end > ph.from) numerator += BigInt(ph.rates[r]) * BigInt(end - ph.from);
    });
    out[r] = START[r] - spins * COST[r] + Number(numerator / BigInt(HOUR));
  }
  return out;
}

describe('lucky wheel buffs: exact production windows', () => {
  let t: TestServer;
  let n = 0;
  beforeAll(async () => {
    t = await startTestServer({
      env: { STARHOLD_WHEEL_BUFF_S: '3600', STARHOLD_WHEEL_COOLDOWN_S: '600', STARHOLD_ACCESS_TOKEN_TTL_S: '864000' },
    });
  });
  afterAll(async () => t?.stop());

  async function player() {
    const a = await t.api.register(`buffer${++n}`);
    await t.api.get('/api/v1/wheel', a.token); // creates the seed, so a winning client seed can be chosen
    const t0 = t.clock.now().getTime();
    await setPlanet(t, a.planetId, { resources: START, buildings: BUILDINGS, temperatureMax: 20, settledAt: new Date(t0) });
    return { ...a, t0 };
  }
  const planetAt = async (token: string, planetId: number, at: number) => {
    t.clock.set(at);
    return (await t.api.get(`/api/v1/planets/${planetId}`, token)).body;
  };
  const stored = async (planetId: number) => {
    const rows = await sql<{ metal: string; crystal: string; deuterium: string; settled_at: Date }>(
      t,
      'select metal, crystal, deuterium, settled_at from planet where id = ?',
      [planetId],
    );
    const r = rows[0];
    return {
      resources: { metal: Number(r?.metal), crystal: Number(r?.crystal), deuterium: Number(r?.deuterium) },
      settledAt: new Date(r?.settled_at ?? 0).getTime(),
    };
  };

  it('multiplies mine output exactly during [startsAt, endsAt) and settles at both instants', async () => {
    const a = await player();
    const t1 = a.t0 + HOUR / 2;
    const end = t1 + HOUR;
    const phases: Phase[] = [
      { from: a.t0, rates: RATES.none },
      { from: t1, rates: RATES.x2 },
      { from: end, rates: RATES.none },
    ];

    const before = await planetAt(a.token, a.planetId, t1 - 1);
    expect(before.production.perHour).toEqual(RATES.none);
    expect(before.resources).toEqual(amountsAt(phases, t1 - 1, 0));

    t.clock.set(t1);
    const r = await t.api.post('/api/v1/wheel/spin', { planetId: a.planetId, clientSeed: await clientSeedFor(t, a.playerId, 'x2') }, a.token);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      outcome: 'x2',
      multiplier: 2,
      buff: { planetId: a.planetId, multiplier: 2, startsAt: new Date(t1).toISOString(), endsAt: new Date(end).toISOString() },
      resources: amountsAt(phases, t1, 1),
    });
    // The start is exact: the planet was settled at the spin instant, at the old rate, before the buff.
    expect(await stored(a.planetId)).toEqual({ resources: amountsAt(phases, t1, 1), settledAt: t1 });
    expect(await planetBuff(t, a.planetId)).toEqual({ multiplier: 2, endsAt: end });
    expect(await wheelEvents(t, a.planetId)).toEqual([{ kind: 'wheel.buffEnd', dueAt: end, spinId: r.body.spinId }]);

    const during = await planetAt(a.token, a.planetId, t1 + 1);
    expect(during.production).toMatchObject({ perHour: RATES.x2, multiplier: 2 });
    expect(during.buff).toEqual({ multiplier: 2, endsAt: new Date(end).toISOString() });

    // Probe offsets from t1 chosen so that moving either edge of the window by one millisecond changes
    // at least one amount (checked right below), so these values pin the window to the millisecond.
    const probes = [0, 18_749, 18_750, 58_064, HOUR - 1, HOUR, HOUR + 28_571, HOUR + 48_649];
    for (const [ds, de] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ] as const) {
      const shifted: Phase[] = [phases[0]!, { from: t1 + ds, rates: RATES.x2 }, { from: end + de, rates: RATES.none }];
      expect(probes.some((p) => JSON.stringify(amountsAt(shifted, t1 + p, 1)) !== JSON.stringify(amountsAt(phases, t1 + p, 1)))).toBe(true);
    }
    for (const p of probes) {
      expect([p, (await planetAt(a.token, a.planetId, t1 + p)).resources]).toEqual([p, amountsAt(phases, t1 + p, 1)]);
    }
    const after = await planetAt(a.token, a.planetId, end + 48_649);
    expect(after.production).toMatchObject({ perHour: RATES.none, multiplier: 1 });
    expect(after.buff).toBeNull();

    // The tick applies the end at its due instant, even though it runs later.
    const tick = await runTick(t.services);
    expect(tick.eventsApplied).toBe(1);
    expect(await planetBuff(t, a.planetId)).toEqual({ multiplier: 1, endsAt: null });
    expect(await stored(a.planetId)).toEqual({ resources: amountsAt(phases, end, 1), settledAt: end });
    expect(await wheelEvents(t, a.planetId)).toEqual([]);
    expect((await planetAt(a.token, a.planetId, end + 48_649)).resources).toEqual(amountsAt(phases, end + 48_649, 1));
    expect((await planetAt(a.token, a.planetId, end + 5 * HOUR)).resources).toEqual(amountsAt(phases, end + 5 * HOUR, 1));
    expect((await t.api.get('/api/v1/wheel', a.token)).body.activeBuffs).toEqual([]);
    expect(await streamTypes(t, a.playerId)).toEqual(expect.arrayContaining(['wheel.spun', 'wheel.buffEnded']));
    const ended = await sql<{ data: { planetId: number; spinId: number; multiplier: number; endedAt: string } }>(
      t,
      `select data from player_event where player_id = ? and type = 'wheel.buffEnded'`,
      [a.playerId],
    );
    expect(ended.map((e) => e.data)).toEqual([
      expect.objectContaining({
        planetId: a.planetId,
        spinId: r.body.spinId,
        multiplier: 2,
        endedAt: new Date(end).toISOString(),
        resources: amountsAt(phases, end, 1),
      }),
    ]);
  });

  it('a new win replaces an active buff from the instant it is won; the old end is unscheduled', async () => {
    const b = await player();
    const t1 = b.t0 + 600_000;
    const t2 = t1 + COOLDOWN_MS;
    const end2 = t2 + HOUR;
    const phases: Phase[] = [
      { from: b.t0, rates: RATES.none },
      { from: t1, rates: RATES.x2 },
      { from: t2, rates: RATES['x1.5'] },
      { from: end2, rates: RATES.none },
    ];
    t.clock.set(t1);
    const first = await t.api.post('/api/v1/wheel/spin', { planetId: b.planetId, clientSeed: await clientSeedFor(t, b.playerId, 'x2') }, b.token);
    expect(first.body.outcome).toBe('x2');
    t.clock.set(t2);
    const second = await t.api.post('/api/v1/wheel/spin', { planetId: b.planetId, clientSeed: await clientSeedFor(t, b.playerId, 'x1.5') }, b.token);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ outcome: 'x1.5', buff: { startsAt: new Date(t2).toISOString(), endsAt: new Date(end2).toISOString() } });
    expect(await stored(b.planetId)).toEqual({ resources: amountsAt(phases, t2, 2), settledAt: t2 });
    expect(await planetBuff(t, b.planetId)).toEqual({ multiplier: 1.5, endsAt: end2 });
    expect(await wheelEvents(t, b.planetId)).toEqual([{ kind: 'wheel.buffEnd', dueAt: end2, spinId: second.body.spinId }]);
    expect((await t.api.get('/api/v1/wheel', b.token)).body.activeBuffs).toEqual([{ ...second.body.buff, spinId: second.body.spinId }]);
    const history = (await t.api.get('/api/v1/wheel/history', b.token)).body.spins;
    expect(history.map((s: { buff: { replacedAt: string | null } }) => s.buff.replacedAt)).toEqual([null, new Date(t2).toISOString()]);

    const probe = async (at: number) =>
      expect([at - b.t0, (await planetAt(b.token, b.planetId, at)).resources]).toEqual([at - b.t0, amountsAt(phases, at, 2)]);
    for (const at of [t2 + 1, t1 + HOUR - 1, t1 + HOUR, t1 + HOUR + 1]) await probe(at);
    // The first buff's original end has passed: nothing happens then, the ×1.5 buff goes on.
    expect((await runTick(t.services)).eventsApplied).toBe(0);
    expect(await planetBuff(t, b.planetId)).toEqual({ multiplier: 1.5, endsAt: end2 });
    for (const at of [end2 - 1, end2, end2 + 60_000]) await probe(at);
    expect((await runTick(t.services)).eventsApplied).toBe(1);
    expect(await planetBuff(t, b.planetId)).toEqual({ multiplier: 1, endsAt: null });
    expect(await stored(b.planetId)).toEqual({ resources: amountsAt(phases, end2, 2), settledAt: end2 });
  });

  it('a win while an older event of the planet is due but not yet applied still starts exactly at the spin', async () => {
    const c = await player();
    const end1 = c.t0 + HOUR;
    const t3 = end1 + 600_000;
    const end3 = t3 + HOUR;
    const phases: Phase[] = [
      { from: c.t0, rates: RATES['x1.2'] },
      { from: end1, rates: RATES.none },
      { from: t3, rates: RATES.x2 },
      { from: end3, rates: RATES.none },
    ];
    const first = await t.api.post('/api/v1/wheel/spin', { planetId: c.planetId, clientSeed: await clientSeedFor(t, c.playerId, 'x1.2') }, c.token);
    expect(first.body).toMatchObject({ outcome: 'x1.2', buff: { endsAt: new Date(end1).toISOString() } });

    // The tick lags: the ×1.2 end (due at end1) has not been applied when the player wins again at t3.
    t.clock.set(t3);
    const second = await t.api.post('/api/v1/wheel/spin', { planetId: c.planetId, clientSeed: await clientSeedFor(t, c.playerId, 'x2') }, c.token);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ outcome: 'x2', buff: { startsAt: new Date(t3).toISOString(), endsAt: new Date(end3).toISOString() } });
    // Settled only up to the due event; the buff's start waits in the queue at its exact instant.
    expect(await stored(c.planetId)).toEqual({ resources: amountsAt(phases, end1, 2), settledAt: end1 });
    expect(await wheelEvents(t, c.planetId)).toEqual([
      { kind: 'wheel.buffEnd', dueAt: end1, spinId: first.body.spinId },
      { kind: 'wheel.buffStart', dueAt: t3, spinId: second.body.spinId },
    ]);
    expect((await t.api.get('/api/v1/wheel', c.token)).body.activeBuffs).toEqual([{ ...second.body.buff, spinId: second.body.spinId }]);

    expect((await runTick(t.services)).eventsApplied).toBe(2);
    expect(await stored(c.planetId)).toEqual({ resources: amountsAt(phases, t3, 2), settledAt: t3 });
    expect(await planetBuff(t, c.planetId)).toEqual({ multiplier: 2, endsAt: end3 });
    expect(await wheelEvents(t, c.planetId)).toEqual([{ kind: 'wheel.buffEnd', dueAt: end3, spinId: second.body.spinId }]);
    for (const at of [t3 + 18_750, t3 + 58_064, end3 - 1, end3 + 28_571, end3 + 48_649]) {
      expect([at - t3, (await planetAt(c.token, c.planetId, at)).resources]).toEqual([at - t3, amountsAt(phases, at, 2)]);
    }
    expect((await runTick(t.services)).eventsApplied).toBe(1);
    expect(await planetBuff(t, c.planetId)).toEqual({ multiplier: 1, endsAt: null });
  });
});
