import { cpus, loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gatewayPlugin } from '../../src/realtime/gateway.js';
import { startTestServer, type TestServer } from '../harness.js';
import { addPlanet, patchPlanet, patchResearch, sql, uniqueName } from '../support/game-sql.js';
import { cpuSnapshot, foreignCpus } from '../support/host-cpu.js';
import { forkTs, type TsChild } from '../support/ts-child.js';
import type { ChaosJob, ChaosResult } from './chaos-child.js';
import type { ChaosPlayer } from './chaos-load.js';
import type { ProbeRequest } from './chaos-probe.js';

/**
 * Issue 12, point 1: every command kind at once from several clientIds of one player and of several
 * players, over real HTTP and real sockets: no 5xx, consistent state, each seq applied once, and
 * another player's reads stay fast. The clock stands still (no production, no due events), so
 * every unit of resources and ships is accounted for by what the applied commands stored.
 * The server runs in this process, the lanes in one child (chaos-child.ts) and the /me probe in
 * another (chaos-probe.ts): the probe's figures are the server's answer times, not client work.
 */
const PLAYERS = 3;
const HTTP_LANES = 1; // per player
const SOCKET_LANES = 1; // per player: 6 lanes in flight, below the pool's 10 connections
/** 3 × 2 × 1 680 = 10 080 commands; STARHOLD_CHAOS_PER_LANE makes a quick local run smaller. */
const PER_LANE = Number(process.env.STARHOLD_CHAOS_PER_LANE ?? 1_680);
const START = { metal: 50_000_000, crystal: 50_000_000, deuterium: 50_000_000 };
const START_UNITS = { lightFighter: 100_000, smallCargo: 100_000 };

/** The /me probe waits this long between requests, idle and busy alike. */
const PROBE_GAP_MS = 10;
/** Idle samples, half just before the run and half just after: the host's own noise drifts over a minute. */
const IDLE_SAMPLES = 400;
/**
 * The ratio is judged when processes other than this test's (server, load, probe, its PostgreSQL
 * backends) used at most this many CPUs during the run: CI's other jest worker fits.
 */
const FOREIGN_CPUS_MAX = 1;

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;

describe('chaos: every command kind, many clients, several players (issue 12)', () => {
  let t: TestServer;
  const children: TsChild[] = [];
  beforeAll(async () => {
    t = await startTestServer({
      env: { STARHOLD_COMMAND_RATE_LIMIT: '10000000', STARHOLD_ACCESS_TOKEN_TTL_S: '86400' },
      plugins: () => [gatewayPlugin()],
    });
  });
  afterAll(async () => {
    for (const c of children) c.kill();
    await t?.stop();
  });

  async function setUp(i: number): Promise<ChaosPlayer> {
    const s = await t.api.register(uniqueName(`chaos${i}`));
    await patchResearch(t, s.playerId, { combustion: 6, energy: 3 });
    const [home] = await sql<{ galaxy: number; system: number; position: number }>(t, 'select galaxy, system, position from planet where id = ?', [
      s.planetId,
    ]);
    const second = await addPlanet(t, s.playerId, {
      galaxy: home!.galaxy,
      system: home!.system,
      position: i % 2 ? 1 : 15,
      ...START,
      buildings: {},
      at: t.clock.now(),
    });
    const ids = [s.planetId, second];
    for (const id of ids) {
      await patchPlanet(t, id, { ...START, settledAt: t.clock.now() });
      await sql(t, `update planet set buildings = buildings || '{"researchLab": 10, "shipyard": 8}'::jsonb, units = ?::jsonb where id = ?`, [
        JSON.stringify(START_UNITS),
        id,
      ]);
    }
    const planets = await sql<{ id: number; galaxy: number; system: number; position: number }>(
      t,
      'select id, galaxy, system, position from planet where player_id = ? order by id',
      [s.playerId],
    );
    return {
      playerId: s.playerId,
      token: s.token,
      buildingItems: [],
      researchItems: [],
      fleets: [],
      planets: planets.map((p) => ({ id: p.id, coords: { galaxy: p.galaxy, system: p.system, position: p.position } })),
    };
  }

  it('answers ≥ 10 000 commands with no 5xx, applies each seq once, keeps every unit accounted for and /me fast', async () => {
    const players = await Promise.all(Array.from({ length: PLAYERS }, (_, i) => setUp(i)));
    const observer = await t.api.register(uniqueName('chaosobs'));
    // The lanes stand for players on other machines: their client work only gets CPU the server leaves.
    const [load, probe] = await Promise.all([
      forkTs(new URL('./chaos-child.ts', import.meta.url), { nice: 10 }),
      forkTs(new URL('./chaos-probe.ts', import.meta.url)),
    ]);
    children.push(load, probe);
    const target = { url: t.url, token: observer.token, gapMs: PROBE_GAP_MS };
    const samples = (n: number) => probe.call<number[]>({ kind: 'samples', ...target, n } satisfies ProbeRequest);
    await samples(20); // warm up
    const idle = await samples(IDLE_SAMPLES / 2);

    await probe.call({ kind: 'start', ...target } satisfies ProbeRequest);
    const job: ChaosJob = { url: t.url, players, perLane: PER_LANE, httpLanes: HTTP_LANES, socketLanes: SOCKET_LANES };
    // Our processes: this one (server), the two children, and this database's PostgreSQL backends.
    const ours = async () => [
      process.pid,
      load.pid,
      probe.pid,
      ...(await sql<{ pid: number }>(t, 'select pid from pg_stat_activity where datname = current_database()')).map((r) => r.pid),
    ];
    const cpuBefore = cpuSnapshot(await ours());
    const run = load.call<ChaosResult>(job);
    const stopped = run.catch(() => undefined).then(() => probe.call<number[]>({ kind: 'stop' } satisfies ProbeRequest));
    const { answers, seconds } = await run;
    const busy = await stopped;
    const foreign = foreignCpus(cpuBefore, await ours());
    idle.push(...(await samples(IDLE_SAMPLES / 2)));
    const commandP99 = p99(answers.map((a) => a.ms));

    // 1. No 5xx answers, over HTTP or as a socket error ack.
    expect(answers.length).toBeGreaterThanOrEqual(Math.min(10_000, PLAYERS * (HTTP_LANES + SOCKET_LANES) * PER_LANE));
    expect(answers.filter((a) => a.http >= 500 || a.ack.status === 'error').slice(0, 5)).toEqual([]);
    const byStatus = new Map<string, number>();
    for (const a of answers) byStatus.set(a.ack.status, (byStatus.get(a.ack.status) ?? 0) + 1);
    expect(byStatus.get('applied') ?? 0).toBeGreaterThan(answers.length / 20); // the run did real work, not only rejections
    expect(byStatus.get('gap')).toBeUndefined();
    // PostgreSQL saw no deadlock in this database at all (one lock order), not only none that reached an answer.
    expect(await sql(t, 'select deadlocks::int as n from pg_stat_database where datname = current_database()')).toEqual([{ n: 0 }]);

    // 2. Each (player, clientId, seq) processed once: the log holds exactly 1..cursor, and agrees with the answers.
    const holes = await sql<{ n: number }>(
      t,
      `select count(*)::int as n from client_cursor c
      where (select count(*) from command_log l where l.player_id = c.player_id and l.client_id = c.client_id) <> c.last_seq
         or exists (select 1 from command_log l where l.player_id = c.player_id and l.client_id = c.client_id and (l.seq < 1 or l.seq > c.last_seq))`,
    );
    expect(holes[0]?.n).toBe(0);
    const logged = await sql<{ player_id: number; client_id: string; seq: string; status: string }>(
      t,
      'select player_id, client_id, seq, status from command_log',
    );
    const statusOf = new Map(logged.map((l) => [`${l.player_id}/${l.client_id}/${l.seq}`, l.status]));
    const firsts = answers.filter((a) => !a.resent && a.ack.status !== 'duplicate');
    expect(statusOf.size).toBe(firsts.length);
    for (const a of firsts)
      expect([a.clientId, a.seq, statusOf.get(`${a.playerId}/${a.clientId}/${a.seq}`)]).toEqual([a.clientId, a.seq, a.ack.status]);
    for (const a of answers.filter((x) => x.resent)) expect(a.ack.status).toBe('duplicate');

    // 3. Nothing negative, and every planet's start stock = what is left + what its stored orders, spins and fleets took.
    const negative = await sql(
      t,
      `select id from planet where metal < 0 or crystal < 0 or deuterium < 0
      or exists (select 1 from jsonb_each_text(units) u where u.value::bigint < 0)`,
    );
    expect(negative).toEqual([]);
    const ids = players.flatMap((p) => p.planets.map((pl) => pl.id));
    const books = await sql<{ id: number; left: string; taken: string; ships_left: string; ships_out: string }>(
      t,
      `
      select p.id, (p.metal + p.crystal + p.deuterium)::text as left,
        ((select coalesce(sum(cost_metal + cost_crystal + cost_deuterium), 0) from queue_item where planet_id = p.id)
         + (select coalesce(sum(cost_metal + cost_crystal + cost_deuterium), 0) from shipyard_order where planet_id = p.id)
         + (select coalesce(sum(cost_metal + cost_crystal + cost_deuterium), 0) from wheel_spin where planet_id = p.id)
         + (select coalesce(sum(cargo_metal + cargo_crystal + cargo_deuterium + fuel), 0) from fleet where origin_planet_id = p.id))::text as taken,
        (select coalesce(sum(value::bigint), 0) from jsonb_each_text(p.units))::text as ships_left,
        (select coalesce(sum(s.value::bigint), 0) from fleet f, jsonb_each_text(f.ships) s where f.origin_planet_id = p.id)::text as ships_out
      from planet p where p.id = any(?::int[]) order by p.id`,
      [`{${ids.join(',')}}`],
    );
    const start = START.metal + START.crystal + START.deuterium;
    const shipsStart = START_UNITS.lightFighter + START_UNITS.smallCargo;
    for (const b of books) {
      expect({ id: b.id, total: Number(b.left) + Number(b.taken), ships: Number(b.ships_left) + Number(b.ships_out) }).toEqual({
        id: b.id,
        total: start,
        ships: shipsStart,
      });
    }
    const applied = (type: string) => answers.filter((a) => !a.resent && a.type === type && a.ack.status === 'applied').length;
    expect(Number((await sql<{ n: number }>(t, 'select count(*)::int as n from fleet'))[0]?.n)).toBe(applied('fleets.send'));
    expect(Number((await sql<{ n: number }>(t, 'select count(*)::int as n from shipyard_order'))[0]?.n)).toBe(applied('shipyard.build'));
    expect(Number((await sql<{ n: number }>(t, 'select count(*)::int as n from fleet where recalled_at is not null'))[0]?.n)).toBe(
      applied('fleets.recall'),
    );

    // 4. Another player's reads: p99 during the run within 3 × its idle p99 (same probe, same cadence, same process).
    const [idleP99, busyP99] = [p99(idle), p99(busy)];
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const hostLoad = loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    console.log(
      `chaos: ${answers.length} commands in ${seconds.toFixed(1)} s (${Math.round(answers.length / seconds)}/s, p99 ${commandP99.toFixed(0)} ms); ` +
        `${JSON.stringify(Object.fromEntries(byStatus))}; GET /me p99 (median) idle ${idleP99.toFixed(1)} (${median(idle).toFixed(1)}) ms, busy ${busyP99.toFixed(1)} (${median(busy).toFixed(1)}) ms over ${busy.length}; ratio ${(busyP99 / idleP99).toFixed(2)}; host load ${hostLoad}, other processes used ${foreign?.toFixed(2) ?? '?'} CPUs`,
    );
    expect(busy.length).toBeGreaterThanOrEqual(IDLE_SAMPLES);
    if (foreign !== undefined && foreign > FOREIGN_CPUS_MAX) {
      // Not this server's doing: other programs took more than one CPU during the run, and then both p99s measure them.
      console.warn(
        `chaos: /me p99 ratio ${(busyP99 / idleP99).toFixed(2)} NOT ASSERTED: other processes used ${foreign.toFixed(2)} of ${cpus().length} CPUs during the run (at most ${FOREIGN_CPUS_MAX} allowed, e.g. one other jest worker)`,
      );
    } else {
      expect(busyP99).toBeLessThanOrEqual(3 * idleP99);
    }
  }, 900_000);
});
