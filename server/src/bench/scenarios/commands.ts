import { join } from 'node:path';
import pg from 'pg';
import { LoadGens } from '../loadgens.js';
import { describeProfile } from '../probe.js';
import type { ClientSpec } from '../children/conn.js';
import type { DriveResult } from '../children/drive.js';
import { seedUniverse, withTokens } from '../seed.js';
import { summarize } from '../stats.js';
import { startTarget, type Target } from '../target.js';
import { figure } from '../types.js';
import type { BenchContext, Figure, Scenario } from '../types.js';

/**
 * Commands through the socket pipeline: real envelopes (`buildings.upgrade` / `buildings.cancel`,
 * each one PostgreSQL transaction with cursor, command log, planet, queue, schedule and stream
 * writes) from many players at a fixed rate (open loop: latency counts from the instant a
 * command was due, so a stall is not hidden), then as fast as the server answers (closed loop,
 * one command in flight per client) for the throughput. Baseline, same run, same load
 * generators: a bare Socket.IO server that acks after one single-row UPDATE.
 */

export interface CommandFigures {
  open: DriveResult;
  closed: DriveResult;
}

async function measure(
  ctx: BenchContext,
  t: Target,
  gens: LoadGens,
  clients: ClientSpec[],
  rate: number,
  secs: number,
  profile: string | undefined,
): Promise<CommandFigures> {
  const c = await gens.connect(t.url, t.kind === 'starhold' ? 'starhold' : 'bare', clients, 32, 30_000);
  if (c.failed > 0) throw new Error(`${t.kind}: ${c.failed} of ${clients.length} command clients could not connect: ${JSON.stringify(c.errors)}`);
  await gens.drive({ mode: 'closed', window: 1, durationMs: ctx.quick ? 500 : 3_000 }); // warm-up (JIT, pools)
  // Closed loop first (capacity), then the fixed rate: an overloaded open loop leaves a backlog behind.
  if (profile !== undefined) await t.profileStart();
  const closed = await gens.drive({ mode: 'closed', window: 1, durationMs: (ctx.quick ? 1.5 : secs / 2) * 1000 });
  if (profile !== undefined) {
    ctx.note(`server CPU profile, closed loop (${profile}): ${describeProfile(await t.profileStop(profile))}`);
  }
  const cpu0 = (await t.memory()).cpuMicros;
  const open = await gens.drive({ mode: 'open', rate, durationMs: secs * 1000, graceMs: ctx.quick ? 1_500 : 10_000 });
  const cpu1 = (await t.memory()).cpuMicros;
  const s = summarize(open.latencies);
  ctx.log(
    `${t.kind}: open ${open.acked}/${open.sent} acked in ${Math.round(open.elapsedMs)} ms, p50 ${s.p50} p99 ${s.p99} ms; closed ${Math.round(closed.acked / (closed.elapsedMs / 1000))}/s`,
  );
  ctx.note(
    `${t.kind}: at ${rate}/s ${open.acked} of ${open.sent} acked (${JSON.stringify(open.statuses)}), server CPU ${((cpu1 - cpu0) / 1e4 / (open.elapsedMs / 1000)).toFixed(0)} % of one core; closed loop ${JSON.stringify(closed.statuses)}`,
  );
  return { open, closed };
}

async function createCounters(dbUrl: string, n: number): Promise<void> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query('create table bench_counter (id int primary key, n bigint not null default 0)');
    await c.query('insert into bench_counter (id) select g from generate_series(0, $1::int - 1) g', [n]);
  } finally {
    await c.end();
  }
}

export const commandsScenario: Scenario = {
  name: 'commands',
  description: 'socket commands at 1 000/s (p50/p95/p99 ack) and max throughput vs a bare Socket.IO + one UPDATE server',
  database: true,
  async run(ctx): Promise<Figure[]> {
    const players = ctx.quick ? 50 : 200;
    const rate = 1_000;
    const secs = ctx.quick ? 2 : 10;
    const db = await ctx.db.create('commands');
    try {
      const authed = await withTokens(await seedUniverse(db.url, { players }));
      await createCounters(db.url, players);
      const clients: ClientSpec[] = authed.map((p) => ({ token: p.token, playerId: p.id, planetId: p.planetId, clientId: `bench-cmd-${p.id}` }));
      const run = async (kind: Target['kind']): Promise<CommandFigures> => {
        const t = await startTarget(kind, { dbUrl: db.url });
        const gens = LoadGens.start(2, `commands-${kind}`);
        try {
          const specs = kind === 'starhold' ? clients : clients.map((c, i) => ({ clientId: c.clientId, counterId: i }));
          return await measure(ctx, t, gens, specs, rate, secs, kind === 'starhold' ? join(ctx.outDir, 'commands-server.cpuprofile') : undefined);
        } finally {
          await gens.close();
          await t.stop();
        }
      };
      const ours = await run('starhold');
      const base = await run('baseline');
      const a = summarize(ours.open.latencies);
      const b = summarize(base.open.latencies);
      const name = ctx.quick ? 'commands-quick' : 'commands';
      const bare = `bare Socket.IO server acking after one single-row UPDATE, same load (${players} clients, open loop ${rate}/s for ${secs} s)`;
      const tput = (r: DriveResult) => r.acked / (r.elapsedMs / 1000);
      return [
        figure(name, 'p50_at_1000', a.p50, 'ms', b.p50, bare),
        figure(name, 'p95_at_1000', a.p95, 'ms', b.p95, bare),
        figure(name, 'p99_at_1000', a.p99, 'ms', b.p99, bare),
        figure(name, 'mean_at_1000', a.mean, 'ms', b.mean, bare),
        figure(
          name,
          'acked_share_at_1000',
          ours.open.acked / Math.max(1, ours.open.sent),
          'ratio',
          base.open.acked / Math.max(1, base.open.sent),
          'bare server: acked / sent (unanswered ones count in the percentiles with the time waited, a lower bound)',
        ),
        figure(
          name,
          'max_throughput',
          tput(ours.closed),
          'commands/s',
          tput(base.closed),
          `bare server, closed loop, 1 command in flight per client (${players} clients)`,
        ),
      ];
    } finally {
      await db.drop();
    }
  },
};
