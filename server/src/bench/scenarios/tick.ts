import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { systemClock } from '../../clock.js';
import { loadConfig } from '../../config.js';
import { EVENT_LOCKS } from '../../db/locks.js';
import { initOrm } from '../../db/orm.js';
import { runTick } from '../../game/tick.js';
import { createLogger } from '../../logger.js';
import { createServices } from '../../create-services.js';
import type { Services } from '../../services.js';
import { seedUniverse } from '../seed.js';
import { median } from '../child.js';
import { summarize } from '../stats.js';
import { BENCH_JWT_SECRET } from '../target.js';
import { figure } from '../types.js';
import type { BenchContext, Figure, Scenario } from '../types.js';

/**
 * The tick (game/tick.ts runTick, called here the way the tick loop calls it):
 * - idle: a universe with 100 000 planets and nothing due, against the same with 1 000 planets
 *   (the tick must not grow with the universe);
 * - throughput: 10 000 building completions due at once, applied in batches (one transaction per
 *   up to 100 events, one savepoint per event; handler included: planet lock and settle, queue,
 *   next item, stream event), against a bare loop doing only the queue mechanics (claim with SKIP
 *   LOCKED, delete, record) over 10 000 no-op rows, one transaction each.
 */

async function withServices<T>(dbUrl: string, fn: (s: Services) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'starhold-bench-tick-'));
  const config = loadConfig({
    DATABASE_URL: dbUrl,
    STARHOLD_DATA_DIR: dataDir,
    STARHOLD_JWT_SECRET: BENCH_JWT_SECRET,
    STARHOLD_BCRYPT_COST: '4',
    LOG_LEVEL: 'warn',
  });
  const orm = await initOrm({ url: dbUrl });
  try {
    return await fn(createServices({ config, orm, dbUrl, clock: systemClock, logger: createLogger('warn') }));
  } finally {
    await orm.close(true);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Idle ticks on two universes, alternating one tick each, so machine noise hits both alike. */
async function idleTicks(a: Services, b: Services, n: number): Promise<[number[], number[]]> {
  for (let i = 0; i < 20; i++) {
    await runTick(a); // warm-up
    await runTick(b);
  }
  const ms: [number[], number[]] = [[], []];
  for (let i = 0; i < n; i++) {
    for (const [k, s] of [a, b].entries()) {
      const t0 = performance.now();
      const r = await runTick(s);
      ms[k]!.push(performance.now() - t0);
      if (r.eventsApplied !== 0) throw new Error('an idle tick applied events');
    }
  }
  return ms;
}

/** Puts one running metal-mine level on each of the first `n` planets, due one second ago. */
async function scheduleCompletions(dbUrl: string, n: number): Promise<void> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query(
      `with items as (
         insert into queue_item (player_id, planet_id, kind, target, level, cost_metal, cost_crystal, cost_deuterium, queued_at, starts_at, ends_at)
         select player_id, id, 'building', 'metalMine', 1, 60, 15, 0, now() - interval '31 s', now() - interval '31 s', now() - interval '1 s'
         from planet order by id limit $1 returning id, player_id, planet_id, ends_at)
       insert into scheduled_event (due_at, kind, player_id, planet_id, payload, created_at)
       select ends_at, 'building.complete', player_id, planet_id, jsonb_build_object('queueItemId', id), now() from items`,
      [n],
    );
    await c.query('analyze scheduled_event; analyze queue_item');
  } finally {
    await c.end();
  }
}

/** The queue mechanics alone: claim the next due row with SKIP LOCKED, delete it, record it; one transaction each. */
async function bareLoop(dbUrl: string, n: number, synchronousCommit = true, maxMs = 30_000): Promise<number> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    if (!synchronousCommit) await c.query('set synchronous_commit = off');
    await c.query(
      `insert into scheduled_event (due_at, kind, payload, created_at)
       select now() - interval '1 s', 'bench.noop', '{}'::jsonb, now() from generate_series(1, $1::int)`,
      [n],
    );
    const t0 = performance.now();
    let done = 0;
    while (performance.now() - t0 < maxMs) {
      await c.query('begin');
      const r = await c.query<{ id: string; due_at: Date; kind: string }>(
        `select id, due_at, kind from scheduled_event where due_at <= now() order by due_at, id limit 1 ${EVENT_LOCKS.claimNext}`,
      );
      const row = r.rows[0];
      if (!row) {
        await c.query('commit');
        break;
      }
      await c.query(
        `with done as (delete from scheduled_event where id = $1)
         insert into applied_event (id, due_at, kind, applied_at, tick) values ($1, $2, $3, now(), 0)`,
        [row.id, row.due_at, row.kind],
      );
      await c.query('commit');
      done++;
    }
    const perS = done / ((performance.now() - t0) / 1000);
    await c.query(`delete from scheduled_event where kind = 'bench.noop'`);
    return perS;
  } finally {
    await c.end();
  }
}

async function checkpoint(dbUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query('checkpoint');
  } finally {
    await c.end();
  }
}

async function universe(ctx: BenchContext, planets: number): Promise<{ url: string; drop(): Promise<void> }> {
  const db = await ctx.db.create(`tick${planets}`);
  const players = Math.min(planets, 10_000);
  const t0 = performance.now();
  await seedUniverse(db.url, { players, extraPlanets: planets - players });
  ctx.log(`${planets} planets seeded in ${Math.round(performance.now() - t0)} ms`);
  return db;
}

export const tickScenario: Scenario = {
  name: 'tick',
  description: 'idle tick at 100 000 vs 1 000 planets; events/s applying 10 000 due building completions (quick: 5 000 planets, 100 events)',
  database: true,
  async run(ctx): Promise<Figure[]> {
    const big = ctx.quick ? 5_000 : 100_000;
    const events = ctx.quick ? 100 : 10_000;
    const ticks = ctx.quick ? 50 : 300;
    const applyMs = ctx.quick ? 5_000 : 60_000;
    const small = await universe(ctx, 1_000);
    const large = await universe(ctx, big);
    try {
      await checkpoint(large.url); // the seeding's WAL is flushed before anything is timed
      const [bigMs, smallMs] = await withServices(large.url, (l) => withServices(small.url, (sm) => idleTicks(l, sm, ticks)));
      await scheduleCompletions(large.url, events);
      const applied = await withServices(large.url, async (s) => {
        const t0 = performance.now();
        let n = 0;
        // Like the tick loop, in ticks of a bounded budget; the measurement stops after applyMs.
        while (performance.now() - t0 < applyMs) {
          const r = await runTick(s, { budgetMs: 5_000 });
          n += r.eventsApplied;
          if (r.eventsApplied === 0) break;
        }
        return { n, perS: n / ((performance.now() - t0) / 1000) };
      });
      if (applied.n === 0) throw new Error('the tick applied none of the due events');
      if (applied.n < events)
        ctx.note(
          `the tick applied ${applied.n} of the ${events} due events within the ${applyMs / 1000} s measurement window; events/s is over those.`,
        );
      const bare = await bareLoop(large.url, events, true, ctx.quick ? 5_000 : 20_000);
      const async = await bareLoop(large.url, events, false, ctx.quick ? 5_000 : 20_000);
      ctx.note(
        `events: the tick applied ${Math.round(applied.perS)}/s; the bare queue loop ${Math.round(bare)}/s, and ${Math.round(async)}/s with synchronous_commit off (no WAL flush wait per commit). The bare loops commit once per event (the difference between them is the WAL flush); the tick commits once per batch of up to 100 events, so what bounds it is each event's savepoint and handler statements, one after the other.`,
      );
      const a = summarize(bigMs);
      const b = summarize(smallMs);
      ctx.note(
        `idle tick at ${big} planets: median ${median(bigMs).toFixed(2)} ms, p99 ${a.p99.toFixed(2)} ms; at 1 000: median ${median(smallMs).toFixed(2)} ms, p99 ${b.p99.toFixed(2)} ms (${ticks} ticks each, alternating between the two universes). An idle tick is 3 statements (reserve the tick number, look for a due event via the (due_at, id) index, write tick_log), none of which reads planets.`,
      );
      const name = ctx.quick ? 'tick-quick' : 'tick';
      return [
        figure(
          name,
          'idle_tick',
          median(bigMs),
          'ms',
          median(smallMs),
          `median idle tick with 1 000 planets (value: ${big} planets, ${ticks} ticks)`,
        ),
        figure(name, 'idle_tick_p99', a.p99, 'ms', b.p99, 'p99 idle tick with 1 000 planets'),
        figure(
          name,
          'events_per_s',
          applied.perS,
          'events/s',
          bare,
          `bare queue loop (claim SKIP LOCKED + delete + record, no handler, no ORM) over ${events} no-op rows`,
        ),
      ];
    } finally {
      await large.drop();
      await small.drop();
    }
  },
};
