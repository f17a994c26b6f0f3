import pg from 'pg';
import { LoadGens } from '../loadgens.js';
import type { ClientSpec } from '../children/conn.js';
import type { StormResult } from '../children/storm.js';
import { seedUniverse, withTokens } from '../seed.js';
import { summarize } from '../stats.js';
import { startTarget, type Target } from '../target.js';
import { figure } from '../types.js';
import type { BenchContext, Figure, Scenario } from '../types.js';
import { connectCrowd } from './crowd.js';

/**
 * Reconnect storm. N clients are connected, each fires an outbox of K commands (3; quick: 2) and the server
 * is killed (SIGKILL) 200 ms later, mid-processing. A new server process starts on the same
 * port and database; then every client reconnects at once and follows the documented resync
 * procedure. Measured: time from "server ready" until the last client is synced with an empty
 * outbox; and from the database, commands lost (cursor below K: a command the client believed
 * done was never applied) and applied twice (more queue items than applied commands).
 * Baseline: the same number of bare Socket.IO sockets reconnecting to a restarted bare server.
 */

/** Commands in each client's outbox (quick: 2). */
const K_FULL = 3;

async function audit(dbUrl: string, clients: readonly ClientSpec[], k: number): Promise<{ lost: number; twice: number }> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const rows = await c.query<{ player_id: number; last_seq: string | null; items: string }>(
      `select p.id as player_id, cc.last_seq, (select count(*) from queue_item q where q.player_id = p.id) as items
       from player p left join client_cursor cc on cc.player_id = p.id and cc.client_id = 'bench-storm-' || p.id
       where p.id = any($1::int[])`,
      [clients.map((x) => x.playerId)],
    );
    let lost = 0;
    let twice = 0;
    for (const r of rows.rows) {
      const applied = Number(r.last_seq ?? 0);
      lost += Math.max(0, k - applied);
      twice += Math.max(0, Number(r.items) - applied);
    }
    return { lost, twice };
  } finally {
    await c.end();
  }
}

async function storm(
  ctx: BenchContext,
  kind: Target['kind'],
  dbUrl: string,
  clients: readonly ClientSpec[],
  budgetMs: number,
  timeoutMs: number,
  k: number,
) {
  let t = await startTarget(kind, { dbUrl });
  const gens = LoadGens.start(Math.max(2, Math.ceil(clients.length / 5_000)), `storm-${kind}`);
  try {
    const crowd = await connectCrowd(ctx, t, gens, clients, budgetMs);
    const fired = kind === 'starhold' ? await gens.stormFire(k) : 0;
    await new Promise((r) => setTimeout(r, 200));
    await t.kill();
    const t0 = performance.now();
    t = await startTarget(kind, { dbUrl, port: t.port });
    const restartMs = performance.now() - t0;
    ctx.log(
      `${kind}: ${crowd.reached} clients, ${fired} commands fired, server killed and restarted in ${Math.round(restartMs)} ms; reconnecting all at once`,
    );
    const rs: StormResult[] = await gens.stormReconnect(timeoutMs);
    const errors: Record<string, number> = {};
    for (const r of rs) for (const [k, v] of Object.entries(r.connectErrors)) errors[k] = (errors[k] ?? 0) + v;
    return {
      crowd,
      restartMs,
      done: rs.reduce((n, r) => n + r.done, 0),
      clients: rs.reduce((n, r) => n + r.clients, 0),
      lastMs: Math.max(...rs.map((r) => r.lastDoneMs)),
      times: rs.flatMap((r) => r.times),
      duplicates: rs.reduce((n, r) => n + r.duplicates, 0),
      unfinished: new Set(rs.flatMap((r) => r.unfinished)),
      finished: new Set(rs.flatMap((r) => r.finished)),
      errors,
    };
  } finally {
    await gens.close();
    await t.stop();
  }
}

export const stormScenario: Scenario = {
  name: 'storm',
  description: '10 000 clients with outboxes reconnect at once after a server crash and restart (quick: 60)',
  database: true,
  async run(ctx): Promise<Figure[]> {
    const n = ctx.quick ? 60 : 10_000;
    const k = ctx.quick ? 2 : K_FULL;
    const budgetMs = ctx.quick ? 8_000 : 90_000;
    const timeoutMs = ctx.quick ? 10_000 : 180_000;
    const db = await ctx.db.create('storm');
    try {
      const players = await withTokens(await seedUniverse(db.url, { players: n }));
      const clients: ClientSpec[] = players.map((p) => ({ token: p.token, playerId: p.id, planetId: p.planetId, clientId: `bench-storm-${p.id}` }));
      const ours = await storm(ctx, 'starhold', db.url, clients, budgetMs, timeoutMs, k);
      // The clients that connected before the crash (not simply the first `reached`: when the connect
      // budget runs out mid-step, any of that step's clients may be the ones that did not connect).
      const reachedClients = clients.filter((c) => ours.finished.has(c.clientId) || ours.unfinished.has(c.clientId));
      // A client that never finished still holds its commands: only finished ones can have lost any.
      const { lost, twice } = await audit(
        db.url,
        reachedClients.filter((c) => ours.finished.has(c.clientId)),
        k,
      );
      const base = await storm(
        ctx,
        'baseline',
        db.url,
        reachedClients.map((c, i) => ({ clientId: c.clientId, counterId: i })),
        budgetMs,
        timeoutMs,
        k,
      );
      const a = summarize(ours.times);
      const b = summarize(base.times);
      ctx.note(
        `Starhold: ${ours.crowd.reached} of ${n} clients connected before the crash (${ours.crowd.stop}); ${ours.done} of ${ours.clients} resynced within ${timeoutMs / 1000} s; ${ours.duplicates} resent commands answered "duplicate"; connect errors during the storm: ${JSON.stringify(ours.errors)}; restart took ${Math.round(ours.restartMs)} ms (not included).`,
      );
      ctx.note(`Baseline: ${base.done} of ${base.clients} bare sockets reconnected; connect errors ${JSON.stringify(base.errors)}.`);
      const name = ctx.quick ? 'storm-quick' : 'storm';
      const bare = `bare Socket.IO server restarted, the same ${base.clients} sockets reconnecting at once`;
      return [
        figure(name, 'clients', ours.crowd.reached, 'clients', n, 'the target number of clients'),
        figure(name, 'resync_all', ours.lastMs, 'ms', base.lastMs, bare),
        figure(name, 'resync_p50', a.p50, 'ms', b.p50, bare),
        figure(
          name,
          'resynced_share',
          ours.done / Math.max(1, ours.clients),
          'ratio',
          base.done / Math.max(1, base.clients),
          'bare: reconnected / clients',
        ),
        figure(name, 'commands_lost', lost, 'commands', 0, 'must be 0'),
        figure(name, 'applied_twice', twice, 'commands', 0, 'must be 0'),
      ];
    } finally {
      await db.drop();
    }
  },
};
