// Kills the real server process (SIGKILL) while thousands of due building completions are being
// applied, restarts it, and checks every event was applied exactly once, in due order, and
// accounted for in the tick log. Runs the built server: `npm run build` first (`npm test` does).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { waitFor } from '../support/wait-for.js';

const MAIN = resolve('server/dist/main.js');
const N = 2000;
const HOUR = 3_600_000;

interface Child {
  proc: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

function spawnStarhold(env: NodeJS.ProcessEnv, args: string[] = ['serve']): Child {
  const proc = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  proc.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return { proc, exited, output: () => out };
}

async function count(db: pg.Client, table: string): Promise<number> {
  return Number((await db.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]?.n);
}

/** Polls until `check` holds (two waits fit in the test's 120 s); fails early with the child's output if the child exits. */
async function until(child: Child, what: string, check: () => Promise<boolean>): Promise<void> {
  let exit: number | null | undefined;
  void child.exited.then((c) => {
    exit = c;
  }); // `exited` never rejects
  await waitFor(
    async () => {
      if (exit !== undefined) throw new Error(`server exited (${exit}) early:\n${child.output()}`);
      return check();
    },
    { what, timeoutMs: 55_000, intervalMs: 15 },
  );
}

describe('crash recovery of the tick (real process, SIGKILL)', () => {
  let database: TestDatabase;
  let db: pg.Client;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const children: Child[] = [];

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'starhold-crash-'));
    env = {
      PATH: process.env.PATH,
      DATABASE_URL: database.url,
      PORT: '0',
      HOST: '127.0.0.1',
      STARHOLD_DATA_DIR: dataDir,
      STARHOLD_JWT_SECRET: 'crash-test-secret-crash-test-secret-0123456789',
      STARHOLD_TICK_MS: '50',
      LOG_LEVEL: 'warn',
    };
    const migrate = spawnStarhold(env, ['migrate']);
    const code = await migrate.exited;
    if (code !== 0) throw new Error(`migrate failed (${code}):\n${migrate.output()}`);
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    // Test-only speed-up: commits do not wait for the WAL flush. That can only lose commits when
    // PostgreSQL itself crashes; this test kills the game server, never PostgreSQL.
    await db.query(`alter database "${new URL(database.url).pathname.slice(1)}" set synchronous_commit = off`);
  });

  afterAll(async () => {
    for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await db?.end();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies every due event exactly once, in due order, across a SIGKILL and a restart', async () => {
    const created = new Date(Date.now() - 3 * HOUR);
    // N players, each with a home planet and a running metal mine 1 whose completion is due.
    // Due instants come in 997 distinct values (so ties are common) and in an order unrelated to
    // the event ids, so (due_at, id) order differs from insertion order.
    const seeded = await db.query<{ event_id: string; planet_id: number; player_id: number; due_at: Date }>(
      `
      with players as (
        insert into player (username, password_hash, research, event_seq, created_at)
        select 'crash' || g, 'x', '{}'::jsonb, 0, $1 from generate_series(1, $2::int) g
        returning id
      ), numbered as (
        select id as player_id, row_number() over (order by id) - 1 as k from players
      ), planets as (
        insert into planet (player_id, name, galaxy, system, position, temperature_min, temperature_max, fields,
          metal, crystal, deuterium, settled_at, buildings, created_at)
        select player_id, 'Homeworld', 1, 1 + k / 15, 1 + k % 15, 0, 40, 163, 500, 500, 0, $1,
          '{"metalMine":0,"crystalMine":0,"deuteriumSynthesizer":0,"solarPlant":0,"fusionReactor":0,"roboticsFactory":0,"shipyard":0,"researchLab":0,"metalStorage":0,"crystalStorage":0,"deuteriumTank":0,"naniteFactory":0,"missileSilo":0}'::jsonb,
          $1
        from numbered
        returning id, player_id
      ), items as (
        insert into queue_item (player_id, planet_id, kind, target, level, cost_metal, cost_crystal, cost_deuterium, queued_at, starts_at, ends_at)
        select p.player_id, p.id, 'building', 'metalMine', 1, 60, 15, 0, $1, $1,
          $1::timestamptz + interval '1 hour' + ((p.id * 7919) % 997) * interval '1 second'
        from planets p
        returning id, player_id, planet_id, ends_at
      )
      insert into scheduled_event (due_at, kind, player_id, planet_id, payload, created_at)
      select ends_at, 'building.complete', player_id, planet_id, jsonb_build_object('queueItemId', id), $1 from items order by id
      returning id as event_id, planet_id, player_id, due_at`,
      [created, N],
    );
    expect(seeded.rows).toHaveLength(N);
    const events = seeded.rows.map((r) => ({
      id: Number(r.event_id),
      planetId: r.planet_id,
      playerId: r.player_id,
      due: new Date(r.due_at).getTime(),
    }));
    const dueOrder = [...events].sort((x, y) => x.due - y.due || x.id - y.id).map((e) => e.id);
    expect(dueOrder).not.toEqual(events.map((e) => e.id).sort((x, y) => x - y));

    // First run: kill it without warning once it has applied a tenth of the events.
    const first = spawnStarhold(env);
    children.push(first);
    await until(first, 'a tenth of the events applied', async () => (await count(db, 'applied_event')) >= N / 10);
    first.proc.kill('SIGKILL');
    await first.exited;
    const appliedAtCrash = await count(db, 'applied_event');
    expect(appliedAtCrash).toBeGreaterThan(0);
    expect(appliedAtCrash).toBeLessThan(N);

    // Second run: catches up.
    const second = spawnStarhold(env);
    children.push(second);
    await until(second, 'every event applied', async () => (await count(db, 'scheduled_event')) === 0);
    second.proc.kill('SIGTERM');
    await second.exited;

    // Every event exactly once, in (due_at, id) order. Each event is applied in its own
    // savepoint (a subtransaction with its own transaction id) of its batch's transaction, one
    // after the other, so the transaction ids (xmin) give the apply order.
    const applied = await db.query<{ id: string; tick: string; x: string }>('select id, tick, xmin::text as x from applied_event');
    const byApply = applied.rows.map((r) => ({ id: Number(r.id), tick: Number(r.tick), x: Number(r.x) })).sort((p, q) => p.x - q.x);
    expect(byApply.map((r) => r.id)).toEqual(dueOrder);
    for (let i = 1; i < byApply.length; i++) expect(byApply[i]!.tick).toBeGreaterThanOrEqual(byApply[i - 1]!.tick);

    // The tick log accounts for every applied event, tick by tick, including the killed tick.
    const ticks = await db.query<{ tick: string; node: string; events_applied: number }>('select tick, node, events_applied from tick_log');
    expect(ticks.rows.reduce((sum, r) => sum + r.events_applied, 0)).toBe(N);
    const perTick = new Map<number, number>();
    for (const r of byApply) perTick.set(r.tick, (perTick.get(r.tick) ?? 0) + 1);
    for (const r of ticks.rows) expect(r.events_applied).toBe(perTick.get(Number(r.tick)) ?? 0);
    expect(new Set(ticks.rows.filter((r) => r.events_applied > 0).map((r) => r.node)).size).toBe(2);

    // Each completion took effect once, at its due instant.
    const planets = await db.query<{ id: number; metal: string; crystal: string; settled_at: Date; level: number }>(
      `select id, metal, crystal, settled_at, (buildings->>'metalMine')::int as level from planet`,
    );
    const byPlanet = new Map(planets.rows.map((p) => [p.id, p]));
    for (const e of events) {
      const p = byPlanet.get(e.planetId);
      const ms = e.due - created.getTime(); // base income 30/15 per hour until the mine is done
      expect({ level: p?.level, settledAt: p && new Date(p.settled_at).getTime(), metal: Number(p?.metal), crystal: Number(p?.crystal) }).toEqual({
        level: 1,
        settledAt: e.due,
        metal: 500 + Math.floor((30 * ms) / HOUR),
        crystal: 500 + Math.floor((15 * ms) / HOUR),
      });
    }
    expect(await count(db, 'queue_item')).toBe(0);
    const completions = await db.query<{ player_id: number; n: string }>(
      `select player_id, count(*) as n from player_event where type = 'building.completed' group by player_id`,
    );
    expect(completions.rows).toHaveLength(N);
    expect(completions.rows.every((r) => Number(r.n) === 1)).toBe(true);
  }, 120_000);
});
